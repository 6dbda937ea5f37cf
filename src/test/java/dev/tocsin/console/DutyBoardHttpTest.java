package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.duty.DutyCalls;
import dev.tocsin.sms.TwilioAccount;
import dev.tocsin.testing.BroadcastSteps;
import dev.tocsin.testing.Staff;
import dev.tocsin.testing.TwilioWebhooks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's 叫应 board shows what the record holds, in the reader's language. */
@QuarkusTest
class DutyBoardHttpTest {

    @Inject
    AudienceFixtures audience;

    @Inject
    DutyCalls calls;

    @Inject
    TwilioAccount account;

    private static long person(String name, String mobile, String area, String role, Long superior) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("name", name, "mobile", mobile, "area", area, "role", role, "rank", "primary"));
        if (superior != null) {
            body.put("superiorId", superior);
        }
        return Staff.adminJson()
                .body(body)
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long approved(String area, String colour) {
        return BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                """
                {"text":"【资阳区应急管理局】明天有寒潮，请做好防寒准备。","language":"zh-CN","channels":["sms"],
                 "priority":"urgent","colour":"%s","audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(colour, area));
    }

    @Test
    void boardShowsWhoAnsweredByWhatAndWhoIsStillWaiting() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        String town = audience.area("BT" + run, "青山镇" + run, AreaKind.TOWN, null);
        String village = audience.area("BV" + run, "青山村" + run, AreaKind.VILLAGE, town);
        String headPhone = AudienceFixtures.phone();
        String villagePhone = AudienceFixtures.phone();
        long head = person("罗文", headPhone, town, "township-head", null);
        person("彭丽", villagePhone, village, "village-head", head);

        long id = approved(village, "red");
        assertThat(calls.start(id)).isPresent();
        answer(villagePhone);

        Map<String, String> session = ConsoleHttpTest.login(AudienceFixtures.APPROVER, AudienceFixtures.PASSWORD);
        String zh = given().cookies(session)
                .header("Accept-Language", "zh-CN")
                .get("/console/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(zh)
                .contains("红色预警</span> · ")
                .contains("id=\"duty-answered\">1<")
                .contains("id=\"duty-unanswered\">1<")
                .contains("彭丽 · <span class=\"channel\" data-channel=\"sms\">短信</span>")
                .contains("罗文 <span class=\"hint\">乡镇主要负责人 · A角")
                .contains("等待回复")
                .doesNotContain(headPhone);
        String en = given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(en)
                .contains("Red warning</span> · started ")
                .contains("SMS reply")
                .contains("waiting");
        assertThat(given().cookies(session).get("/console/broadcasts/" + id).asString())
                .contains("href=\"/console/broadcasts/" + id + "/duty\"");

        // The board's JSON carries the figures and the HTML the page swaps in while it is open.
        given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console/broadcasts/" + id + "/duty/live")
                .then()
                .statusCode(200)
                .body("open", org.hamcrest.Matchers.equalTo(true))
                .body("answered", org.hamcrest.Matchers.equalTo(1))
                .body("unanswered", org.hamcrest.Matchers.equalTo(1))
                .body("html", org.hamcrest.Matchers.containsString("id=\"duty-unanswered\">1<"));
        assertThat(given().cookies(session)
                        .get("/console/broadcasts/" + id + "/duty")
                        .asString())
                .contains("data-poll=\"/console/broadcasts/" + id + "/duty/live\" data-live=\"true\"")
                .contains("<script src=\"/console/static/duty.js\" defer></script>");

        // The list of all 叫应: this one with its counts and a link to its board.
        String list = given().cookies(session)
                .header("Accept-Language", "zh-CN")
                .get("/console/duty")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list)
                .contains("<a href=\"/console/broadcasts/" + id + "/duty\">")
                .contains("进行中")
                .containsPattern("data-broadcast=\"" + id + "\"[^>]*>[\\s\\S]*?class=\"num answered\">1 / 2<");
        given().cookies(session).get("/console/duty?page=x").then().statusCode(400);

        lookInTheBrowser(id, () -> answer(headPhone));

        long blue = approved(village, "blue");
        assertThat(given().cookies(session)
                        .header("Accept-Language", "en")
                        .get("/console/broadcasts/" + blue + "/duty")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("id=\"duty-none\"");
    }

    private void answer(String phone) {
        Map<String, String> params = Map.of("From", phone, "To", TwilioAccount.SANDBOX_FROM_NUMBER, "Body", "收到");
        TwilioWebhooks.post(
                        TwilioAccount.INBOUND_PATH,
                        params,
                        TwilioWebhooks.signature(
                                account.authToken(), account.callbackUrl(TwilioAccount.INBOUND_PATH), params))
                .then()
                .statusCode(200);
    }

    @TestHTTPResource("/")
    URL base;

    /**
     * The board in headless chromium (skipped where chromedriver is missing): an answer arriving
     * while it is open shows up without a reload; no script or CSP errors; a screenshot.
     */
    private void lookInTheBrowser(long id, Runnable answerArrives) {
        Browser browser;
        try {
            browser = Browser.start(Duration.ofSeconds(30), "--lang=zh-CN");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.opentest4j.TestAbortedException e) {
            return;
        }
        try {
            browser.signIn(base, AudienceFixtures.APPROVER, AudienceFixtures.PASSWORD);
            browser.driver.manage().addCookie(new org.openqa.selenium.Cookie(ConsoleLanguage.COOKIE, "zh-CN"));
            browser.open(base, "/console/broadcasts/" + id + "/duty");
            // Read by script: the board replaces its figures while it polls, so a found element can go stale.
            var js = (org.openqa.selenium.JavascriptExecutor) browser.driver;
            java.util.function.Function<String, Object> figure =
                    el -> js.executeScript("return document.getElementById(arguments[0]).textContent.trim();", el);
            assertThat(figure.apply("duty-unanswered")).isEqualTo("1");
            js.executeScript("window.notReloaded = true;");
            answerArrives.run();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(15))
                    .until(d -> "0".equals(figure.apply("duty-unanswered")));
            assertThat(js.executeScript("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(figure.apply("duty-answered")).isEqualTo("2");
            browser.shot("duty-board");
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
