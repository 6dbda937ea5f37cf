package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import dev.tocsin.audience.OptOutService;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broadcast pages' HTTP contract: roles, CSRF, one broadcast per compose form, preview JSON. */
@QuarkusTest
class ConsoleBroadcastHttpTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String OPERATOR = "hop-" + RUN;
    static final String APPROVER = "hap-" + RUN;
    /** Writes the broadcasts of the audience test, so OPERATOR's count stays its own. */
    static final String COUNTING_OPERATOR = "hco-" + RUN;

    static final String PASSWORD = "console-http-password";

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @Inject
    dev.tocsin.audience.AudienceService audience;

    @BeforeEach
    void users() {
        ConsoleFixtures.ensureDistrict(optOut);
        for (var e : Map.of(OPERATOR, Role.OPERATOR, APPROVER, Role.APPROVER, COUNTING_OPERATOR, Role.OPERATOR)
                .entrySet()) {
            if (staff.find(e.getKey()).isEmpty()) {
                staff.create("test", e.getKey(), PASSWORD, Set.of(e.getValue()), e.getKey());
            }
        }
    }

    @Test
    void pagesFollowTheRoles() {
        Map<String, String> approver = ConsoleHttpTest.login(APPROVER, PASSWORD);
        given().cookies(approver).get("/console/compose").then().statusCode(403);
        given().cookies(approver).get("/console/approvals").then().statusCode(200);
        Map<String, String> operator = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        given().cookies(operator).get("/console/approvals").then().statusCode(403);
        given().cookies(operator)
                .get("/console/compose")
                .then()
                .statusCode(200)
                .body(containsString("id=\"submit-broadcast\""));
        Response terminals = given().cookies(operator).get("/console/terminals");
        String csrf = terminals.getCookie(ConsoleView.CSRF_COOKIE);
        given().cookies(operator)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .formParam("code", "T-" + RUN)
                .post("/console/terminals")
                .then()
                .statusCode(403);
    }

    @Test
    void theSameComposeFormPostedTwiceMakesOneBroadcastAndWithoutCsrfNone() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        assertThat(form.formToken()).isNotNull();

        compose(given().cookies(session)).post("/console/compose").then().statusCode(403);
        assertThat(broadcastsBy(OPERATOR)).isZero();

        String first = null;
        for (int i = 0; i < 2; i++) {
            String location = compose(form.post())
                    .post("/console/compose")
                    .then()
                    .statusCode(303)
                    .extract()
                    .header("Location");
            assertThat(location).contains("done=submitted");
            first = first == null ? location : first;
            assertThat(location).isEqualTo(first);
        }
        assertThat(broadcastsBy(OPERATOR)).isEqualTo(1);
    }

    @Test
    void aDateLeftInAnotherScheduleKindIsRefusedWhenNowIsChosen() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        long before = broadcastsBy(OPERATOR);
        String html = compose(form.post().formParam("schedule.at", "2030-01-21T07:30"))
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(html).contains("sends at once: clear this");
        assertThat(broadcastsBy(OPERATOR)).as("nothing sent").isEqualTo(before);
    }

    @Test
    void areaCountsSayOneTerminalNotOneTerminals() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String html = given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console/compose")
                .asString();
        Matcher village = Pattern.compile(
                        "data-code=\"" + ConsoleFixtures.VILLAGE_A + "\".*?<small>([^<]*)</small>", Pattern.DOTALL)
                .matcher(html);
        assertThat(village.find()).isTrue();
        assertThat(village.group(1)).endsWith("· 1 terminal").doesNotContain("terminals");
    }

    @Test
    void thePreviewReportsTheTemplatesOwnRulesByField() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String csrf = given().cookies(session).get("/console/compose").getCookie(ConsoleView.CSRF_COOKIE);
        given().cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("X-CSRF-Token", csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.lowTemperature", "-99")
                .formParam("schedule.kind", "ONCE")
                .formParam("schedule.at", "2001-01-01T07:30")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .body("errors", hasKey("variables.lowTemperature"))
                .body("errors", hasKey("variables.period"))
                .body("errors", hasKey("schedule.at"));
    }

    @Test
    void theApprovalCardAndTheDetailShowTheSmsInEveryLanguageResidentsRead() {
        // A long Chinese place name takes the English SMS (UCS-2 now) over cold-wave's 2 segments.
        String area = "资阳区新桥河镇上湾村下湾村";
        long id = given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .contentType("application/json")
                .body("""
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],
                 "variables":{"area":"%s","period":{"from":"2030-01-20","to":"2030-01-22"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(area, ConsoleFixtures.VILLAGE_A))
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

        String card = card(
                given().cookies(ConsoleHttpTest.login(APPROVER, PASSWORD))
                        .get("/console/approvals")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString(),
                id);
        assertThat(card)
                .contains("data-role=\"sms-text\" lang=\"zh-CN\">【资阳区应急管理局】", area + "有寒潮冻雨")
                .contains("data-role=\"sms-text-other\" data-lang=\"en\"", "Cold wave in " + area)
                .contains("data-role=\"sms-over-limit\" data-lang=\"en\"", "data-role=\"sms-fallback\"");

        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200);
        // Cancelled so no other test's firing round sends it; the frozen texts stay on the page.
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
        given().cookies(ConsoleHttpTest.login(OPERATOR, PASSWORD))
                .get("/console/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body(containsString(
                        "data-role=\"sms-text-other\" data-lang=\"en\" lang=\"en\">[Ziyang Emergency] Cold wave in "
                                + area))
                .body(containsString("data-role=\"sms-over-limit\""));
    }

    @Test
    void theApprovalCardCountsTheSmsAudienceAsFiringReadsIt() {
        // Town (3 residents, one opted out, in village B) and village B again: the area rows add up
        // to 4 residents and 3 terminals, but the SMS reaches 2 distinct residents and 2 terminals.
        long routine = submitted("routine", ConsoleFixtures.TOWN, ConsoleFixtures.VILLAGE_B);
        long urgent = submitted("urgent", ConsoleFixtures.TOWN);
        String page = given().cookies(ConsoleHttpTest.login(APPROVER, PASSWORD))
                .header("Accept-Language", "en")
                .get("/console/approvals")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(card(page, routine))
                .contains(
                        "data-role=\"audience-total\">If it went out now: SMS to 2 residents (1 opted-out number left out), 2 terminals.");
        // An urgent real alert reaches opted-out numbers only where the deployment allows it.
        String urgentTotal = audience.optOutOverrideAllowed()
                ? "SMS to 3 residents (0 opted-out numbers left out), 2 terminals."
                : "SMS to 2 residents (1 opted-out number left out), 2 terminals.";
        assertThat(card(page, urgent)).contains(urgentTotal);
        for (long id : new long[] {routine, urgent}) {
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
    void theBroadcastListSpeaksTheConsolesLanguageAndShowsTheDistrictsTime() {
        long id = submitted("routine", ConsoleFixtures.VILLAGE_A);
        String updatedAt = given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("broadcast.updatedAt");
        String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(java.time.Instant.parse(updatedAt).atZone(java.time.ZoneId.of("Asia/Shanghai")));
        Map<String, String> session = ConsoleHttpTest.login(APPROVER, PASSWORD);
        String zh = row(
                given().cookies(session)
                        .header("Accept-Language", "zh-CN")
                        .get("/console/broadcasts")
                        .asString(),
                id);
        assertThat(zh)
                .contains(">待审批<")
                .contains("<td>寒潮、冻雨、道路结冰</td>")
                .contains("<td>短信</td>")
                .contains("<td>常规</td>")
                .contains(">" + local + "<")
                .doesNotContain("pending_approval<")
                .doesNotContain(updatedAt);
        String en = row(
                given().cookies(session)
                        .header("Accept-Language", "en")
                        .get("/console/broadcasts")
                        .asString(),
                id);
        assertThat(en)
                .contains(">awaiting approval<")
                .contains("<td>Cold wave, freezing rain, icy roads</td>")
                .contains("<td>SMS</td>")
                .contains("<td>routine</td>")
                .contains(">" + local + "<");
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    /** The row of broadcast {@code id} in the broadcast list. */
    private static String row(String page, long id) {
        int start = page.indexOf("<tr data-id=\"" + id + "\"");
        assertThat(start).as("row of broadcast %d", id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void aCronScheduleIsComposedInTheConsoleAndABadRuleIsNamedNextToItsField() {
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        assertThat(form.page().asString()).contains("id=\"kind-CRON\"", "id=\"schedule.cron\"");
        String refused = cronForm(form.post(), "every morning")
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        Matcher error =
                Pattern.compile("data-error-for=\"schedule.cron\">([^<]+)<").matcher(refused);
        assertThat(error.find()).as("an error next to the cron field").isTrue();
        String location = cronForm(form.post(), "0 0 7,18 * * ?")
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("schedule.kind", org.hamcrest.Matchers.equalTo("CRON"))
                .body("schedule.cron", org.hamcrest.Matchers.equalTo("0 0 7,18 * * ?"))
                .body("schedule.from", org.hamcrest.Matchers.equalTo("2030-01-20"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void eachChannelGetsItsOwnTimesInTheConsoleAndTheirErrorsAreNamedNextToTheirFields() {
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        assertThat(form.page().asString())
                .contains("id=\"channelSchedules.sms.kind\"", "id=\"channelSchedules.loudspeaker.at\"");
        // The loudspeaker twice a day over two days, one SMS at 10:00 on the first: the preview lists both.
        String preview = channelTimesForm(form.post(), "2030-01-20T10:00")
                .header("Accept-Language", "en")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(preview).contains("\"channel\":\"sms\"", "\"channel\":\"loudspeaker\"");
        String refused = channelTimesForm(form.post(), "")
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused).containsPattern("data-error-for=\"channelSchedules.sms.at\">[^<]+<");
        String location = channelTimesForm(form.post(), "2030-01-20T10:00")
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("schedule.kind", org.hamcrest.Matchers.equalTo("RECURRING"))
                .body("channelSchedules.sms.kind", org.hamcrest.Matchers.equalTo("ONCE"))
                .body("channelSchedules.sms.at", org.hamcrest.Matchers.startsWith("2030-01-20T10:00"));
        // The broadcast's page lists each firing with its channel; the revise form starts from its own times.
        String page =
                ConsoleForms.open(session, "/console/broadcasts/" + id).page().asString();
        assertThat(page).contains("data-channel=\"sms\"", "data-channel=\"loudspeaker\"");
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void aCalendarCampaignIsAScheduleInTheConsole() {
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        assertThat(form.page().asString()).contains("id=\"kind-CAMPAIGN\"", "<option value=\"qingming-fire\">");
        String refused = campaignForm(form.post(), "qingming")
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused).containsPattern("data-error-for=\"schedule.campaign\">[^<]*qingming-fire[^<]*<");
        String location = campaignForm(form.post(), "qingming-fire")
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("schedule.kind", org.hamcrest.Matchers.equalTo("CAMPAIGN"))
                .body("schedule.campaign", org.hamcrest.Matchers.equalTo("qingming-fire"))
                .body("schedule.year", org.hamcrest.Matchers.equalTo(2030));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void aYearlyCampaignTakesItsDatesFromTheScheduleInTheConsole() {
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        assertThat(form.page().asString())
                .contains("name=\"variables.period.fromSchedule\" value=\"@schedule\"", "name=\"repeatYearly\"");
        // No dates typed: the period is the campaign's days of 2030, in the preview and once sent.
        String preview = yearlyForm(form.post(), true)
                .header("Accept-Language", "en")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(preview).doesNotContain("@schedule").containsPattern("Mar|Apr");
        String location = yearlyForm(form.post(), true)
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("repeatYearly", org.hamcrest.Matchers.equalTo(true))
                .body("colour", org.hamcrest.Matchers.equalTo("orange"))
                .body("colourNamed", org.hamcrest.Matchers.equalTo(true));
        assertThat(given().cookies(session).get("/console/broadcasts/" + id).asString())
                .contains("data-repeat=\"yearly\"");
        // The update form keeps both boxes ticked.
        String update =
                given().cookies(session).get("/console/compose?update=" + id).asString();
        assertThat(update)
                .containsPattern("name=\"variables.period.fromSchedule\" value=\"@schedule\"[^>]* checked")
                .containsPattern("name=\"repeatYearly\" value=\"on\" checked")
                .contains("<option value=\"orange\" selected>");
        // A fixed period in a yearly broadcast would be wrong next year: refused next to its field.
        ConsoleForms again = ConsoleForms.open(session, "/console/compose?template=cold-wave");
        String refused = yearlyForm(again.post(), false)
                .formParam("variables.period.from", "2030-03-30")
                .formParam("variables.period.to", "2030-04-04")
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused).containsPattern("data-error-for=\"variables.period\">[^<]*fixed date[^<]*<");
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification yearlyForm(RequestSpecification r, boolean periodFromSchedule) {
        if (periodFromSchedule) {
            r = r.formParam("variables.period.fromSchedule", "@schedule");
        }
        return r.contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.lowTemperature", "-3")
                .formParam("channels", "sms")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "CAMPAIGN")
                .formParam("schedule.campaign", "qingming-fire")
                .formParam("schedule.year", "2030")
                .formParam("schedule.times", "08:00")
                .formParam("repeatYearly", "on")
                // The warning signal issued is orange, whatever the template's severity says (叫应 follows it).
                .formParam("colour", "orange")
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    private static RequestSpecification campaignForm(RequestSpecification r, String campaign) {
        return r.contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-21")
                .formParam("variables.lowTemperature", "-3")
                .formParam("channels", "sms")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "CAMPAIGN")
                .formParam("schedule.campaign", campaign)
                .formParam("schedule.year", "2030")
                .formParam("schedule.times", "08:00")
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    private static RequestSpecification channelTimesForm(RequestSpecification r, String smsAt) {
        return r.contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-21")
                .formParam("variables.lowTemperature", "-3")
                .formParam("channels", "sms")
                .formParam("channels", "loudspeaker")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "RECURRING")
                .formParam("schedule.times", "07:00, 18:00")
                .formParam("schedule.from", "2030-01-20")
                .formParam("schedule.to", "2030-01-21")
                .formParam("channelSchedules.sms.kind", "ONCE")
                .formParam("channelSchedules.sms.at", smsAt)
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    private static RequestSpecification cronForm(RequestSpecification r, String rule) {
        return r.contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-22")
                .formParam("variables.lowTemperature", "-3")
                .formParam("channels", "sms")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "CRON")
                .formParam("schedule.cron", rule)
                .formParam("schedule.from", "2030-01-20")
                .formParam("schedule.to", "2030-01-21")
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    @Test
    void freeTextIsComposedInTheConsoleWithKeyInstructionEnglishSmsAndTitle() {
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?template=text");
        assertThat(form.page().asString())
                .contains("<option value=\"text\" selected>", "<textarea id=\"text\"", "id=\"keyInstruction\"");
        // The preview signs the text and repeats the key instruction as the broadcast will.
        String preview = freeText(form.post(), "今晚8点起桥北大市场雨棚检修，市场暂停营业。")
                .post("/console/compose/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(preview).contains("【资阳区应急管理局】今晚8点起桥北大市场雨棚检修，市场暂停营业。", "今晚8点后不要进入市场。");
        String refused = freeText(form.post(), "")
                .header("Accept-Language", "en")
                .post("/console/compose")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused).containsPattern("data-error-for=\"text\">[^<]+<");
        String location = freeText(form.post(), "今晚8点起桥北大市场雨棚检修，市场暂停营业。")
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long id = Long.parseLong(location.replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.title", org.hamcrest.Matchers.equalTo("今晚8点起桥北大市场雨棚检修"))
                .body("broadcast.templateId", org.hamcrest.Matchers.nullValue());
        // An update starts from what was sent, free text included.
        assertThat(given().cookies(session).get("/console/compose?update=" + id).asString())
                .contains("<option value=\"text\" selected>", "今晚8点后不要进入市场。", "Qiaobei market is closed tonight.");
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification freeText(RequestSpecification r, String text) {
        return r.contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("templateId", "")
                .formParam("text", text)
                .formParam("keyInstruction", "今晚8点后不要进入市场。")
                .formParam("textEn", "Qiaobei market is closed tonight.")
                .formParam("title", "")
                .formParam("language", "zh-CN")
                .formParam("channels", "sms")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "NOW")
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    @Test
    void theApproversCommentFromTheConsoleIsKeptInTheTimeline() {
        long id = submitted("routine", ConsoleFixtures.VILLAGE_A);
        Map<String, String> approver = ConsoleHttpTest.login(APPROVER, PASSWORD);
        ConsoleForms inbox = ConsoleForms.open(approver, "/console/approvals");
        assertThat(card(inbox.page().asString(), id)).contains("id=\"approval-comment-" + id + "\"");
        // Too long: refused on the approve form's own comment field, nothing approved.
        String refused = inbox.post()
                .formParam("comment", "x".repeat(1001))
                .post("/console/approvals/" + id + "/approve")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(refused).contains("field=approval-comment");
        given().cookies(approver)
                .get(refused)
                .then()
                .statusCode(200)
                .body(containsString("aria-describedby=\"approval-comment-" + id + "-error\""));
        inbox.post()
                .formParam("comment", "已与气象局核实")
                .post("/console/approvals/" + id + "/approve")
                .then()
                .statusCode(303);
        given().cookies(approver)
                .get("/console/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body(containsString("approval: 已与气象局核实"));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void aRejectedBroadcastIsRevisedInTheConsoleAndGoesBackForApproval() {
        long id = submitted("routine", ConsoleFixtures.VILLAGE_A);
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{\"comment\":\"low temperature should be -5\"}")
                .post("/api/broadcasts/" + id + "/reject")
                .then()
                .statusCode(200);
        Map<String, String> session = ConsoleHttpTest.login(COUNTING_OPERATOR, PASSWORD);
        given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body(containsString("href=\"/console/compose?revise=" + id + "\""));
        ConsoleForms form = ConsoleForms.open(session, "/console/compose?revise=" + id);
        assertThat(form.page().asString())
                .contains(
                        "revision of broadcast " + id,
                        "low temperature should be -5",
                        "name=\"revise\" value=\"" + id + "\"");
        assertThat(form.formToken()).isNotNull();
        long before = broadcastsBy(COUNTING_OPERATOR);
        String location = compose(form.post().formParam("revise", String.valueOf(id)))
                .formParam("variables.lowTemperature", "-5")
                .post("/console/compose")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(location).endsWith("/console/broadcasts/" + id + "?done=submitted");
        assertThat(broadcastsBy(COUNTING_OPERATOR))
                .as("the same broadcast, not a new one")
                .isEqualTo(before);
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.status", org.hamcrest.Matchers.equalTo("pending_approval"))
                .body("timeline.detail", org.hamcrest.Matchers.hasItem(containsString("low temperature should be -5")));
        given().auth()
                .preemptive()
                .basic(APPROVER, PASSWORD)
                .contentType("application/json")
                .body("{\"comment\":\"test done\"}")
                .post("/api/broadcasts/" + id + "/reject")
                .then()
                .statusCode(200);
    }

    private long submitted(String priority, String... areaCodes) {
        String codes = String.join("\",\"", areaCodes);
        return BroadcastSteps.submitted(
                () -> given().auth()
                        .preemptive()
                        .basic(COUNTING_OPERATOR, PASSWORD)
                        .contentType("application/json"),
                """
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],"priority":"%s",
                 "variables":{"area":"周家村","period":{"from":"2030-01-20","to":"2030-01-22"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(priority, codes));
    }

    /** The approval card of broadcast {@code id} in the inbox page. */
    private static String card(String page, long id) {
        int start = page.indexOf("id=\"broadcast-" + id + "\"");
        assertThat(start).as("card of broadcast %d", id).isNotNegative();
        int end = page.indexOf("</article>", start);
        return page.substring(start, end);
    }

    private static RequestSpecification compose(RequestSpecification r) {
        return r.contentType("application/x-www-form-urlencoded")
                .formParam("templateId", "cold-wave")
                .formParam("language", "en")
                .formParam("variables.area", "Zhoujia")
                .formParam("variables.period.from", "2030-01-20")
                .formParam("variables.period.to", "2030-01-22")
                .formParam("variables.lowTemperature", "-3")
                .formParam("channels", "sms")
                .formParam("audience.areaCodes", ConsoleFixtures.VILLAGE_A)
                .formParam("schedule.kind", "NOW")
                .formParam("priority", "routine")
                .formParam("status", "actual");
    }

    private static long broadcastsBy(String user) {
        return QuarkusTransaction.requiringNew().call(() -> Broadcast.count("createdBy", user));
    }
}
