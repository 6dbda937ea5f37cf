package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.OptOutService;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the loudspeaker says, as the console shows it: the compose preview's spoken text and its
 * marked stretches, the same on the approval card, and the place-name pronunciations page.
 */
@QuarkusTest
class ConsoleSpokenHttpTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String OPERATOR = "sop-" + RUN;
    static final String APPROVER = "sap-" + RUN;
    static final String PASSWORD = "console-spoken-password";

    /** The cold-wave notice for 长春镇 at -3℃ with 119 to call, in the Yiyang voice (没事 -> 冇事). */
    static final String SPOKEN = "各位父老乡亲，一月二十日至二十二日，长春镇有寒潮冻雨，最低气温零下三摄氏度。天寒地冻路面滑，"
            + "冇事尽量少出门，出行时刻记安全；老人伢子要保暖，水管电线勤查看；烤火记得开门窗，一氧化碳要严防。有困难请打幺幺九。"
            + "再讲一遍：天寒地冻路面滑，没事尽量少出门；烤火记得开门窗，一氧化碳要严防。"
            + "天寒地冻路面滑，没事尽量少出门；烤火记得开门窗，一氧化碳要严防。请大家相互转告，注意安全！";

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @BeforeEach
    void users() {
        ConsoleFixtures.ensureDistrict(optOut);
        for (var e : Map.of(OPERATOR, Role.OPERATOR, APPROVER, Role.APPROVER).entrySet()) {
            if (staff.find(e.getKey()).isEmpty()) {
                staff.create("test", e.getKey(), PASSWORD, Set.of(e.getValue()), e.getKey());
            }
        }
    }

    @Test
    void theComposePreviewShowsTheSpokenTextWithEachStretchToCheck() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String csrf = given().cookies(session).get("/console/compose").getCookie(ConsoleView.CSRF_COOKIE);
        JsonPath p = given().cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("X-CSRF-Token", csrf)
                .contentType(FORM)
                .formParam("templateId", "cold-wave")
                .formParam("language", "zh-CN")
                .formParam("dialect", "xiang-yiyang")
                .formParam("variables.area", "长春镇")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-22")
                .formParam("variables.lowTemperature", "-3")
                .formParam("variables.hotline", "119")
                .formParam("schedule.kind", "NOW")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p.getMap("errors")).isEmpty();
        // Spelled as the API and the GSM specifications spell it, not as the Java constant.
        assertThat(p.getString("sms.encoding")).isEqualTo("UCS-2");
        List<Map<String, String>> runs = p.getList("spoken");
        assertThat(runs.stream().map(r -> r.get("text")).reduce("", String::concat))
                .isEqualTo(SPOKEN);
        assertThat(runs.stream()
                        .filter(r -> r.get("kind") != null)
                        .map(r -> r.get("written") + "|" + r.get("text") + "|" + r.get("kind") + "|" + r.get("pinyin")))
                .containsExactly(
                        "1月20日至22日|一月二十日至二十二日|date|yi1 yue4 er4 shi2 ri4 zhi4 er4 shi2 er4 ri4",
                        "长春镇|长春镇|place-name|chang2 chun1 zhen4",
                        "-3℃|零下三摄氏度|temperature|ling2 xia4 san1 she4 shi4 du4",
                        "没事|冇事|dialect|mao3 shi4",
                        "尽量|尽量|polyphone|jin3 liang4",
                        "孩子|伢子|dialect|ya2 zi5",
                        "119|幺幺九|phone|yao1 yao1 jiu3",
                        "尽量|尽量|polyphone|jin3 liang4",
                        "尽量|尽量|polyphone|jin3 liang4");
        // The written script beside it stays as written.
        assertThat(p.getList("script.text", String.class).stream().reduce("", String::concat))
                .contains("最低气温-3℃", "冇事尽量少出门", "有困难请打119。");
    }

    @Test
    void theEnglishPreviewSpellsNumbersOutAndMarksThem() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String csrf = given().cookies(session).get("/console/compose").getCookie(ConsoleView.CSRF_COOKIE);
        JsonPath p = given().cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("X-CSRF-Token", csrf)
                .contentType(FORM)
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Changchun")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-22")
                .formParam("variables.lowTemperature", "-3")
                .formParam("variables.hotline", "119")
                .formParam("schedule.kind", "NOW")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, String>> runs = p.getList("spoken");
        String spoken = runs.stream().map(r -> r.get("text")).reduce("", String::concat);
        assertThat(spoken)
                .contains("lows of minus three degrees Celsius", "call one one nine.")
                .doesNotContainPattern("\\d");
        assertThat(runs.stream().filter(r -> r.get("kind") != null).map(r -> r.get("written") + "|" + r.get("text")))
                .contains("-3C|minus three degrees Celsius", "119|one one nine");
    }

    @Test
    void theApprovalCardShowsTheApproverTheSpokenTextMarked() {
        long id = given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .contentType("application/json")
                .body("""
                {"templateId":"cold-wave","language":"zh-CN","dialect":"xiang-yiyang","channels":["loudspeaker"],
                 "variables":{"area":"长春镇","period":{"from":"2030-01-20","to":"2030-01-22"},"lowTemperature":-3,
                              "hotline":"119"},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(ConsoleFixtures.VILLAGE_A))
                .post("/api/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .post("/api/broadcasts/" + id + "/submit")
                .then()
                .statusCode(200);
        try {
            String page = given().cookies(ConsoleHttpTest.login(APPROVER, PASSWORD))
                    .header("Accept-Language", "zh-CN")
                    .get("/console/approvals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            String card = card(page, id);
            String spoken = between(card, "data-role=\"spoken\" lang=\"zh-CN\">", "</p>");
            assertThat(spoken.replaceAll("<[^>]+>", "")).isEqualTo(SPOKEN);
            assertThat(spoken)
                    .contains("<mark class=\"said\" data-kind=\"temperature\" data-written=\"-3℃\" "
                            + "title=\"-3℃ → 零下三摄氏度 · ling2 xia4 san1 she4 shi4 du4 · 温度\">零下三摄氏度</mark>")
                    .contains("data-kind=\"phone\" data-written=\"119\"", ">幺幺九</mark>")
                    .contains("data-kind=\"place-name\" data-written=\"长春镇\"", ">长春镇</mark>")
                    .contains("data-kind=\"dialect\" data-written=\"没事\"", ">冇事</mark>")
                    .contains("data-kind=\"polyphone\" data-written=\"尽量\"");
            String legend = between(card, "data-role=\"spoken-legend\">", "</ul>");
            assertThat(legend)
                    .contains("<span class=\"written\" lang=\"zh-CN\">-3℃</span> → <span class=\"said-text\" "
                            + "lang=\"zh-CN\">零下三摄氏度</span> <span class=\"pinyin\">ling2 xia4 san1 she4 shi4 du4</span> "
                            + "<span class=\"badge\" data-kind=\"temperature\">温度</span>")
                    .contains(
                            "<span class=\"written\" lang=\"zh-CN\">长春镇</span> <span class=\"pinyin\">chang2 chun1 zhen4</span>")
                    .contains("地名（读音词典）", "电话号码（逐位读）", "方言改写", "多音字");
            // Only the engine's text is marked: the written script keeps -3℃ and 119.
            assertThat(between(card, "data-role=\"script\">", "</p>")).contains("最低气温-3℃", "有困难请打119");
        } finally {
            given().auth()
                    .preemptive()
                    .basic(APPROVER, PASSWORD)
                    .contentType("application/json")
                    .body("{\"comment\":\"test done\"}")
                    .post("/api/broadcasts/" + id + "/reject")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void staffAddCorrectAndRemovePlaceNamesWithFieldErrors() {
        String[] unique = uniqueName();
        String name = unique[0];
        String reading = unique[1];
        Map<String, String> operator = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String csrf = given().cookies(operator).get("/console/place-names").getCookie(ConsoleView.CSRF_COOKIE);
        String page = given().cookies(operator)
                .header("Accept-Language", "en")
                .get("/console/place-names")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("<tr data-name=\"茈湖口\" data-source=\"packaged\">", "ci2 hu2 kou3")
                .contains("href=\"/console/place-names\" aria-current=\"page\">Place names</a>");

        // Validation: the same field errors as the API, on the fields, with what was typed kept.
        String refused = post(operator, csrf, "/console/place-names", Map.of("name", name, "pinyin", "jia3 yi3"))
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused)
                .contains("id=\"pinyin-error\">must be one tone-numbered syllable (like ci2) per character, 3 in all")
                .contains("value=\"jia3 yi3\"", "aria-invalid=\"true\"")
                .doesNotContain("id=\"name-error\"");
        assertThat(post(operator, csrf, "/console/place-names", Map.of("name", "Cihukou", "pinyin", "ci2 hu2 kou3"))
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString())
                .contains("id=\"name-error\">must be 1-20 Chinese characters");

        // Added: listed as staff's, and read that way by the loudspeaker.
        post(
                        operator,
                        csrf,
                        "/console/place-names",
                        Map.of(
                                "name",
                                name,
                                "pinyin",
                                " " + reading.toUpperCase().replace(" ", "  ") + " "))
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("done=saved"));
        assertThat(given().cookies(operator)
                        .header("Accept-Language", "en")
                        .get("/console/place-names")
                        .asString())
                .contains("<tr data-name=\"" + name + "\" data-source=\"staff\">", reading, "added by staff");
        given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .contentType("application/json")
                .body(Map.of("text", name + "有雨", "profile", "mandarin"))
                .post("/api/audio/pronounce")
                .then()
                .statusCode(200)
                .body("highlights[0].kind", org.hamcrest.Matchers.equalTo("place-name"))
                .body("highlights[0].pinyin", org.hamcrest.Matchers.equalTo(reading));

        // A correction of a packaged name shows the packaged reading; removing it brings that back.
        post(operator, csrf, "/console/place-names", Map.of("name", "乐安", "pinyin", "yue4 an1"))
                .then()
                .statusCode(303);
        assertThat(given().cookies(operator)
                        .header("Accept-Language", "en")
                        .get("/console/place-names")
                        .asString())
                .contains("<tr data-name=\"乐安\" data-source=\"staff\">", "added by staff (packaged reading: le4 an1)");
        post(operator, csrf, "/console/place-names/remove", Map.of("name", "乐安"))
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("done=reverted"));
        post(operator, csrf, "/console/place-names/remove", Map.of("name", name))
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("done=removed"));
        String after = given().cookies(operator).get("/console/place-names").asString();
        assertThat(after)
                .doesNotContain("data-name=\"" + name + "\"")
                .contains("<tr data-name=\"乐安\" data-source=\"packaged\">");
        // A packaged name cannot be removed; an unknown one is not found.
        assertThat(post(operator, csrf, "/console/place-names/remove", Map.of("name", "茈湖口"))
                        .then()
                        .statusCode(409)
                        .extract()
                        .asString())
                .contains("id=\"remove-error\"");
        post(operator, csrf, "/console/place-names/remove", Map.of("name", name))
                .then()
                .statusCode(404);
    }

    @Test
    void approversReadThePlaceNamesButOnlyOperatorsAndAdminsChangeThem() {
        Map<String, String> approver = ConsoleHttpTest.login(APPROVER, PASSWORD);
        String page = given().cookies(approver)
                .get("/console/place-names")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("data-name=\"茈湖口\"").doesNotContain("id=\"add-place-name\"");
        String csrf = given().cookies(approver).get("/console/place-names").getCookie(ConsoleView.CSRF_COOKIE);
        post(approver, csrf, "/console/place-names", Map.of("name", "甲乙村", "pinyin", "jia3 yi3 cun1"))
                .then()
                .statusCode(403);
        // Without the CSRF token nothing is saved either.
        Map<String, String> operator = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        given().cookies(operator)
                .contentType(FORM)
                .formParam("name", "甲乙村")
                .formParam("pinyin", "jia3 yi3 cun1")
                .post("/console/place-names")
                .then()
                .statusCode(403);
    }

    private static io.restassured.response.Response post(
            Map<String, String> session, String csrf, String path, Map<String, String> fields) {
        var r = given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("Accept-Language", "en")
                .contentType(FORM)
                .formParam("_csrf", csrf);
        fields.forEach(r::formParam);
        return r.post(path);
    }

    /** A fictional three-character name no packaged name uses, different in each run, and its reading. */
    private static String[] uniqueName() {
        String stems = "甲乙丁戊己庚辛壬癸";
        String[] readings = {"jia3", "yi3", "ding1", "wu4", "ji3", "geng1", "xin1", "ren2", "gui3"};
        long n = System.nanoTime();
        int a = (int) (n % 9);
        int b = (int) (n / 9 % 9);
        return new String[] {"" + stems.charAt(a) + stems.charAt(b) + "村", readings[a] + " " + readings[b] + " cun1"};
    }

    private static String card(String page, long id) {
        int start = page.indexOf("id=\"broadcast-" + id + "\"");
        assertThat(start).as("card of broadcast %d", id).isNotNegative();
        return page.substring(start, page.indexOf("</article>", start));
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        assertThat(a).as(from).isNotNegative();
        a += from.length();
        return s.substring(a, s.indexOf(to, a));
    }
}
