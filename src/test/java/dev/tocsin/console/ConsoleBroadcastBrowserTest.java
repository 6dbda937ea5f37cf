package dev.tocsin.console;

import static dev.tocsin.console.ConsoleFixtures.area;
import static dev.tocsin.console.ConsoleFixtures.resident;
import static dev.tocsin.console.ConsoleFixtures.terminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Resident;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.sandbox.SandboxService;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The main story in a real headless Chromium: an operator composes a cold-wave notice for two
 * villages, hears the preview and submits; another person approves; the SMS arrive in the
 * built-in sandbox and the broadcast's report page shows them without a reload. The firer's
 * tick is off in tests, so the test fires due occurrences itself (as the tick would).
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class ConsoleBroadcastBrowserTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String OPERATOR = "cop-" + RUN;
    static final String APPROVER = "cap-" + RUN;
    static final String PASSWORD = "console-story-password";
    static Browser browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @Inject
    OccurrenceFirer firer;

    @Inject
    SandboxService sandbox;

    @Inject
    Clock clock;

    /** Two villages of this run: 3 residents in A; 2 in B plus one who opted out. */
    static String town;

    static String villageA;
    static String villageB;
    static String phonePrefix;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start(Duration.ofSeconds(30), "--autoplay-policy=no-user-gesture-required");
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors())
                .as("browser console errors (script errors, CSP violations)")
                .isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void fixtures() {
        for (var e : Map.of(OPERATOR, Role.OPERATOR, APPROVER, Role.APPROVER).entrySet()) {
            if (staff.find(e.getKey()).isEmpty()) {
                staff.create("test", e.getKey(), PASSWORD, Set.of(e.getValue()), e.getKey());
            }
        }
        if (town == null) {
            String digits = String.format("%04d", new java.util.Random().nextInt(10_000));
            phonePrefix = "+86136" + digits;
            town = "9091" + digits + "0000";
            villageA = "9091" + digits + "0001";
            villageB = "9091" + digits + "0002";
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = clock.instant();
                Area t = area(town, "寒溪镇 " + digits, AreaKind.TOWN, null, now);
                Area a = area(villageA, "上湾村 " + digits, AreaKind.VILLAGE, t, now);
                Area b = area(villageB, "下湾村 " + digits, AreaKind.VILLAGE, t, now);
                for (int i = 0; i < 3; i++) {
                    resident(phonePrefix + "000" + i, a, now);
                }
                for (int i = 3; i < 6; i++) {
                    resident(phonePrefix + "000" + i, b, now);
                }
                terminal("T-" + digits + "-A", a, now);
                terminal("T-" + digits + "-B", b, now);
            });
            QuarkusTransaction.requiringNew().run(() -> optOut.optOut(phonePrefix + "0005", "console", "test"));
        }
        open("/console/login");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    @Test
    void freeTextIsComposedWithItsKeyInstructionAndPreviewedInBothConsoleLanguages() {
        signIn(OPERATOR);
        for (String lang : List.of("zh-CN", "en")) {
            open("/console/lang?to=" + lang + "&back=/console/compose?template=text");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
            assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("template")))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo(lang.equals("en") ? "Free text" : "自由文本");
            select("language", "zh-CN");
            type("text", "今晚8点起桥北大市场雨棚检修，市场暂停营业。");
            type("keyInstruction", "今晚8点后不要进入市场。");
            type("textEn", "Qiaobei market is closed tonight.");
            check(villageA);
            wait.until(d -> text("sms-text").contains("【资阳区应急管理局】今晚8点起桥北大市场雨棚检修"));
            wait.until(d -> text("script-text").contains("今晚8点后不要进入市场。"));
            shot("compose-free-text-" + lang);
        }
    }

    @Test
    void eachChannelGetsItsOwnTimesAndThePreviewListsEveryFiringWithItsChannelInBothLanguages() {
        signIn(OPERATOR);
        LocalDate from = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")))
                .plusDays(1);
        for (String lang : List.of("zh-CN", "en")) {
            open("/console/lang?to=" + lang + "&back=/console/compose?template=cold-wave");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variables.area")));
            select("language", "zh-CN");
            type("variables.area", "上湾村");
            setValue("variables.period.from", from.toString());
            setValue("variables.period.to", from.plusDays(1).toString());
            type("variables.lowTemperature", "-3");
            check(villageA);
            driver.findElement(By.id("kind-RECURRING")).click();
            type("schedule.times", "07:00, 18:00");
            setValue("schedule.from", from.toString());
            setValue("schedule.to", from.plusDays(1).toString());
            driver.findElement(By.cssSelector("#channel-times summary")).click();
            select("channelSchedules.sms.kind", "ONCE");
            // Only the chosen kind's fields show: a time list typed for SMS would otherwise be sent unseen.
            assertThat(driver.findElement(By.id("channelSchedules.sms.at")).isDisplayed())
                    .isTrue();
            assertThat(driver.findElement(By.id("channelSchedules.sms.times")).isDisplayed())
                    .isFalse();
            setValue("channelSchedules.sms.at", from + "T10:00");
            wait.until(d -> d.findElements(By.cssSelector("#occurrences li[data-channel=sms]"))
                                    .size()
                            == 1
                    && d.findElements(By.cssSelector("#occurrences li[data-channel=loudspeaker]"))
                                    .size()
                            == 4);
            String sms = driver.findElement(By.cssSelector("#occurrences li[data-channel=sms]"))
                    .getText();
            assertThat(sms).contains("10:00").contains(lang.equals("en") ? "SMS" : "短信");
            assertThat(driver.findElement(By.cssSelector("#occurrences li[data-channel=loudspeaker]"))
                            .getText())
                    .contains("07:00")
                    .contains(lang.equals("en") ? "loudspeaker" : "大喇叭");
            browser.shotAt("compose-channel-times-" + lang, "schedule");
        }
    }

    @Test
    void aYearlyCampaignTakesItsDatesFromTheScheduleInBothLanguages() {
        signIn(OPERATOR);
        for (String lang : List.of("zh-CN", "en")) {
            open("/console/lang?to=" + lang + "&back=/console/compose?template=qingming-hill-fire");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variables.area")));
            select("language", "zh-CN");
            type("variables.area", "双山");
            // The second language's form comes back with the first one's draft: tick only what is not ticked.
            WebElement fromSchedule = driver.findElement(By.cssSelector("[data-from-schedule='variables.period']"));
            if (!fromSchedule.isSelected()) {
                fromSchedule.click();
            }
            // The typed dates are not used any more, so they cannot be edited.
            assertThat(driver.findElement(By.id("variables.period.from")).isEnabled())
                    .isFalse();
            check(villageA);
            // Only a schedule with a year (seasonal, campaign) can repeat every year.
            driver.findElement(By.id("kind-NOW")).click();
            assertThat(driver.findElement(By.id("repeatYearly")).isDisplayed()).isFalse();
            driver.findElement(By.id("kind-CAMPAIGN")).click();
            type("schedule.campaign", "qingming-fire");
            type("schedule.year", "2027");
            type("schedule.times", "10:00");
            assertThat(driver.findElement(By.id("repeatYearly")).isDisplayed()).isTrue();
            if (!driver.findElement(By.id("repeatYearly")).isSelected()) {
                driver.findElement(By.id("repeatYearly")).click();
            }
            // Qingming 2027 is 5 April: the campaign's six days are the period the notice names.
            wait.until(d -> text("sms-text").contains("3月31日至4月5日清明祭扫期间"));
            assertThat(driver.findElements(By.cssSelector("#occurrences li"))).hasSize(6);
            browser.shotAt("compose-yearly-" + lang, "schedule");
        }
    }

    @Test
    void operatorComposesApproverApprovesSandboxReceivesAndTheReportUpdates() {
        signIn(OPERATOR);
        open("/console/compose?template=cold-wave");
        select("language", "zh-CN");
        select("dialect", "xiang-yiyang");
        type("variables.area", "上湾村、下湾村");
        LocalDate from = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")))
                .plusDays(1);
        setValue("variables.period.from", from.toString());
        setValue("variables.period.to", from.plusDays(3).toString());
        type("variables.lowTemperature", "-3");
        check(villageA);
        check(villageB);

        // Live preview from the server's own compose and schedule rules.
        wait.until(
                d -> text("sms-text").contains("上湾村、下湾村") && text("sms-count").contains("segment"));
        assertThat(text("sms-text")).contains("最低气温-3℃");
        wait.until(
                d -> !driver.findElements(By.cssSelector("#script-text mark")).isEmpty());
        wait.until(d -> String.valueOf(js("return Array.from(document.querySelectorAll('#script-text mark'))"
                        + ".map(m => m.dataset.from).join(',');"))
                .contains("没事"));
        assertThat(driver.findElements(By.cssSelector("#occurrences li"))).hasSize(1);

        // Hear it: the player loads a real rendered file with a duration.
        driver.findElement(By.id("render-audio")).click();
        WebDriverWait slow = new WebDriverWait(driver, Duration.ofSeconds(120));
        slow.until(d -> Boolean.TRUE.equals(js("var a = document.getElementById('preview-audio');"
                + " return a.readyState >= 1 && isFinite(a.duration) && a.duration > 0;")));
        double duration = ((Number) js("return document.getElementById('preview-audio').duration;")).doubleValue();
        assertThat(duration).isGreaterThan(3.0);
        assertThat((String) js("return document.getElementById('preview-audio').currentSrc;"))
                .contains("/api/audio/");
        shot("compose");
        driver.manage().window().setSize(new Dimension(820, 1180));
        shot("compose-tablet");
        driver.manage().window().setSize(new Dimension(1366, 900));

        // A double click submits once.
        WebElement submit = driver.findElement(By.id("submit-broadcast"));
        js("arguments[0].click(); arguments[0].click();", submit);
        wait.until(ExpectedConditions.urlMatches("/console/broadcasts/\\d+\\?done=submitted"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        assertThat(broadcastsBy(OPERATOR))
                .as("one broadcast for a double click")
                .isEqualTo(1);
        // The status in the console's language, its wire id kept for scripts.
        assertThat(driver.findElement(By.id("status")).getAttribute("data-status"))
                .isEqualTo("pending_approval");
        assertThat(text("status"))
                .isEqualTo(
                        ((String) js("return document.documentElement.lang;")).startsWith("zh")
                                ? "待审批"
                                : "awaiting approval");
        shot("broadcast-pending");
        // The list in both console languages: statuses, template names, channels, priorities in
        // words, times in the district's zone.
        for (String lang : List.of("zh-CN", "en")) {
            open("/console/lang?to=" + lang + "&back=/console/broadcasts");
            WebElement row = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-id='" + id + "']")));
            assertThat(row.getText())
                    .contains(lang.equals("en") ? "awaiting approval" : "待审批")
                    .contains(lang.equals("en") ? "Cold wave, freezing rain, icy roads" : "寒潮、冻雨、道路结冰")
                    .doesNotContain("pending_approval")
                    .doesNotContain("cold-wave")
                    .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")
                    .doesNotContainPattern("\\dT\\d\\d:\\d\\d");
            shot("broadcasts-list-" + lang);
        }
        driver.findElement(By.id("logout")).click();

        // A different person approves, after seeing exactly what goes out.
        signIn(APPROVER);
        open("/console/approvals");
        WebElement card = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article[data-id='" + id + "']")));
        assertThat(card.findElement(By.cssSelector("[data-role='sms-text']")).getText())
                .contains("上湾村、下湾村");
        assertThat(card.findElements(By.cssSelector("[data-role='areas'] li"))).hasSize(2);
        assertThat(card.findElements(By.cssSelector("[data-role='script'] mark")))
                .isNotEmpty();
        shot("approvals");
        driver.manage().window().setSize(new Dimension(820, 1180));
        shot("approvals-tablet");
        driver.manage().window().setSize(new Dimension(1366, 900));
        card.findElement(By.cssSelector("button.approve")).click();
        wait.until(ExpectedConditions.urlContains("/console/broadcasts/" + id + "?done=approved"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).approvedBy))
                .isEqualTo(APPROVER);

        // The claimer's tick, then the outbox sends to the sandbox; the page polls its report.
        firer.fireDue(clock.instant(), "console-test");
        long targeted = 5;
        await().atMost(Duration.ofSeconds(60)).until(() -> sandboxStats().distinctRecipients() == targeted);
        SandboxService.Stats stats = sandboxStats();
        assertThat(stats.total())
                .as("each targeted resident once, the opted-out one not")
                .isEqualTo(targeted);
        assertThat(stats.duplicates()).isEmpty();
        // The report replaces its figures every 2 s, so elements may go stale between find and read.
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".sms-delivered")).stream()
                        .anyMatch(e -> e.getText().equals(String.valueOf(targeted))));
        assertThat(driver.getCurrentUrl()).as("updated without a reload").contains("?done=approved");
        assertThat(freshText(By.cssSelector(".sms-total"))).isEqualTo(String.valueOf(targeted));
        assertThat(freshText(
                        By.cssSelector("tr[data-code='" + villageA + "'][data-channel='sms'] td.num:nth-of-type(3)")))
                .isEqualTo("3");
        assertThat(freshAttributes(By.cssSelector("#timeline li"), "data-action"))
                .contains("broadcast.create", "broadcast.pending_approval", "broadcast.approved");
        shot("broadcast-report");
        driver.manage().window().setSize(new Dimension(820, 1180));
        shot("broadcast-report-tablet");
    }

    @Test
    void invalidComposeInputShowsFieldErrorsAsYouTypeAndOnSubmitAndWritesNothing() {
        signIn(OPERATOR);
        long before = broadcastsBy(OPERATOR);
        open("/console/compose?template=cold-wave");
        select("language", "en");
        type("variables.area", "Upper Bay");
        type("variables.lowTemperature", "-99");
        // As you type: the preview reports the template's own range rule on the field.
        wait.until(d -> text("variables.lowTemperature-error").contains("-40"));
        assertThat(text("variables.lowTemperature-error")).contains("-40");
        driver.findElement(By.id("submit-broadcast")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
        assertThat(text("variables.lowTemperature-error")).contains("-40");
        assertThat(driver.findElement(By.id("variables.lowTemperature")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(text("variables.period-error")).contains("required");
        assertThat(text("audience.areaCodes-error")).contains("at least one area");
        assertThat(driver.findElement(By.id("variables.area")).getAttribute("value"))
                .isEqualTo("Upper Bay");
        assertThat(broadcastsBy(OPERATOR)).as("nothing written").isEqualTo(before);
        shot("compose-field-errors");
    }

    @Test
    void withNowChosenTheOtherScheduleKindsInputsAreHiddenAndNotSent() {
        signIn(OPERATOR);
        open("/console/compose?template=cold-wave");
        WebElement now = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kind-NOW")));
        assertThat(now.isSelected()).isTrue();
        WebElement at = driver.findElement(By.id("schedule.at"));
        assertThat(at.isDisplayed())
                .as("date of a one-off schedule with 'now' chosen")
                .isFalse();
        assertThat(driver.findElement(By.id("schedule.times")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("schedule.seasonFrom")).isDisplayed())
                .isFalse();

        driver.findElement(By.id("kind-ONCE")).click();
        wait.until(ExpectedConditions.visibilityOf(at));
        setValue("schedule.at", "2027-02-05T10:00");
        assertThat(driver.findElement(By.id("schedule.times")).isDisplayed()).isFalse();
        driver.findElement(By.id("kind-NOW")).click();
        wait.until(ExpectedConditions.invisibilityOf(at));
        assertThat(at.isEnabled())
                .as("a hidden date is not submitted with a 'now' notice")
                .isFalse();
        assertThat(js("return new FormData(arguments[0].form).has('schedule.at');", at))
                .isEqualTo(false);

        // Radio buttons sit next to their labels (they are not stretched across the line).
        Rectangle radio = now.getRect();
        assertThat(radio.getWidth()).isLessThan(40);
        Number gap = (Number) js(
                "var input = arguments[0], label = input.closest('label');"
                        + " var text = Array.prototype.find.call(label.childNodes, function (n) {"
                        + "   return n.nodeType === 3 && n.textContent.trim(); });"
                        + " var range = document.createRange(); range.selectNodeContents(text);"
                        + " var t = range.getBoundingClientRect(), r = input.getBoundingClientRect();"
                        + " return t.left - r.right;",
                now);
        assertThat(gap.doubleValue())
                .as("gap between the 'now' radio and its text, px")
                .isBetween(0.0, 16.0);
        shot("compose-schedule-now");
    }

    @Test
    void theTwoPersonRuleIsShownOnTheApprovalCard() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/compose?template=cold-wave");
        select("language", "en");
        type("variables.area", "Lower Bay");
        setValue("variables.period.from", "2030-01-20");
        setValue("variables.period.to", "2030-01-22");
        type("variables.lowTemperature", "-2");
        check(villageB);
        wait.until(d -> text("sms-text").contains("Lower Bay"));
        driver.findElement(By.id("submit-broadcast")).click();
        wait.until(ExpectedConditions.urlMatches("/console/broadcasts/\\d+\\?done=submitted"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        open("/console/approvals");
        driver.findElement(By.cssSelector("article[data-id='" + id + "'] button.approve"))
                .click();
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article[data-id='" + id + "'] [data-role='refusal']")));
        assertThat(refusal.getText()).contains("403").contains("two-person rule");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).status))
                .isEqualTo(BroadcastStatus.PENDING_APPROVAL);
        shot("approvals-two-person-rule");
        // Reject needs a reason: the service's rule, shown on the field.
        driver.findElement(By.cssSelector("article[data-id='" + id + "'] form.reject button"))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-" + id + "-error")));
        type("comment-" + id, "wrong village");
        driver.findElement(By.cssSelector("article[data-id='" + id + "'] form.reject button"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "rejected"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).status))
                .isEqualTo(BroadcastStatus.REJECTED);
    }

    @Test
    void residentImportShowsTheDryRunRowByRowThenCommitsTheSameFileAndOptOutWorks() throws IOException {
        String p1 = phonePrefix.replace("+86136", "+86135") + "0101";
        String p2 = phonePrefix.replace("+86136", "+86135") + "0102";
        Path csv = Files.createTempFile("residents", ".csv");
        Files.writeString(
                csv,
                "phone,name,area\n" + p1 + ",Wang," + town + "\n" + p2 + ",Li," + town + "\n12,Bad," + town + "\n");
        signIn(OPERATOR);
        open("/console/residents");
        driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.id("dry-run")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-report")));
        assertThat(text("ir-accepted")).isEqualTo("2");
        assertThat(text("ir-rejected")).isEqualTo("1");
        WebElement bad = driver.findElement(By.cssSelector("#import-rows tr[data-row='4']"));
        assertThat(bad.getText()).contains("rejected");
        assertThat(residentExists(p1)).as("a dry run writes nothing").isFalse();
        shot("residents-dry-run");
        js("arguments[0].click(); arguments[0].click();", driver.findElement(By.id("commit")));
        // The commit runs in the background; its page polls the progress JSON and fills in the counts.
        WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-job")));
        wait.until(d ->
                "done".equals(job.getAttribute("data-state")) && Integer.parseInt(job.getAttribute("data-polls")) > 0);
        assertThat(driver.findElement(By.id("ij-done")).isDisplayed()).isTrue();
        assertThat(text("ij-processed")).isEqualTo("3");
        assertThat(text("ij-total")).isEqualTo("3");
        assertThat(driver.findElement(By.id("ij-bar")).getAttribute("value")).isEqualTo("100");
        assertThat(text("ir-inserted")).isEqualTo("2");
        assertThat(text("ir-rejected")).isEqualTo("1");
        shot("residents-import-done");
        assertThat(residentExists(p1)).isTrue();
        assertThat(residentExists(p2)).isTrue();

        open("/console/residents?phone=" + p1.substring(1));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#residents tr[data-phone='" + p1 + "']")));
        assertThat(row.findElement(By.className("consent")).getText()).isEqualTo("subscribed");
        row.findElement(By.cssSelector("form[action$='/consent'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(driver.findElement(By.cssSelector("#residents tr[data-phone='" + p1 + "'] .consent"))
                        .getText())
                .isEqualTo("opted out");
        assertThat(QuarkusTransaction.requiringNew().call(() -> dev.tocsin.audience.Suppression.count("phone", p1)))
                .isEqualTo(1);
        shot("residents");
    }

    @Test
    void adminRegistersATerminalSeesItsTokenOnceRotatesAndDisablesIt() {
        String code = "T-" + RUN + "-N";
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/terminals");
        type("tm-code", code);
        type("tm-name", "Town hall");
        type("tm-area", town);
        type("tm-volumePreset", "loud");
        driver.findElement(By.id("create-terminal")).click();
        assertThat(text("tm-volumePreset-error")).contains("0 to 100");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Terminal.findByCode(code).isPresent()))
                .isFalse();
        type("tm-volumePreset", "70");
        js("arguments[0].click(); arguments[0].click();", driver.findElement(By.id("create-terminal")));
        String token = text("token");
        assertThat(token).hasSizeGreaterThan(30);
        assertThat(tokenHash(code)).isEqualTo("sha256:" + sha256(token));
        shot("terminals-token");
        open("/console/terminals");
        assertThat(driver.findElements(By.id("token")))
                .as("the token is shown once")
                .isEmpty();
        WebElement row = driver.findElement(By.cssSelector("tr[data-terminal='" + code + "']"));
        assertThat(row.getText()).contains("offline");
        row.findElement(By.cssSelector("form[action$='/rotate'] button")).click();
        String rotated = text("token");
        assertThat(rotated).isNotEqualTo(token);
        assertThat(tokenHash(code)).isEqualTo("sha256:" + sha256(rotated));
        driver.findElement(By.cssSelector("tr[data-terminal='" + code + "'] form[action$='/enabled'] button"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "disabled"));
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Terminal.findByCode(code).orElseThrow().enabled))
                .isFalse();
        shot("terminals");
    }

    @Test
    void calendarShowsTheYearsFestivalsAndTheSandboxOutboxWhatTheCarrierReceived() {
        signIn(OPERATOR);
        open("/console/calendar?year=2027");
        WebElement spring = driver.findElement(By.cssSelector("#events tr[data-anchor='SPRING_FESTIVAL']"));
        assertThat(spring.getText()).contains("2027-02-06");
        assertThat(driver.findElements(By.cssSelector(".campaign"))).isNotEmpty();
        shot("calendar");
        open("/console/calendar?year=1800");
        assertThat(text("year-error")).contains("1901");
        open("/console/sandbox");
        long total =
                QuarkusTransaction.requiringNew().call(() -> sandbox.stats("").total());
        assertThat(text("sb-total")).isEqualTo(String.valueOf(total));
        shot("sandbox");
    }

    private static boolean residentExists(String phone) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Resident.findByPhone(phone).isPresent());
    }

    private static String tokenHash(String code) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Terminal.findByCode(code).orElseThrow().tokenHash);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SandboxService.Stats sandboxStats() {
        return QuarkusTransaction.requiringNew().call(() -> sandbox.stats(phonePrefix));
    }

    private static long broadcastsBy(String user) {
        return QuarkusTransaction.requiringNew().call(() -> Broadcast.count("createdBy", user));
    }

    private void signIn(String user) {
        signIn(user, PASSWORD);
    }

    private void signIn(String user, String password) {
        browser.signIn(base, user, password);
    }

    private void open(String path) {
        browser.open(base, path);
    }

    private void type(String id, String value) {
        browser.type(id, value);
    }

    /** Date inputs take typed text in the browser's locale format; set the ISO value as a script would. */
    private void setValue(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        js(
                "arguments[0].value = arguments[1];"
                        + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                        + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                input,
                value);
    }

    private void select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    private void check(String areaCode) {
        WebElement box = driver.findElement(By.cssSelector("li[data-code='" + areaCode + "'] input[type=checkbox]"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    private String text(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)))
                .getText();
    }

    private static Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private static void shot(String name) {
        browser.shot(name);
    }

    /** Reads from the live page, reading again when a refresh replaced the element meanwhile. */
    private String freshText(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    private List<String> freshAttributes(By by, String attribute) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream()
                        .map(e -> e.getAttribute(attribute))
                        .toList());
    }
}
