package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.BroadcastFixtures.sandboxBodies;
import static dev.tocsin.testing.Staff.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each resident reads a broadcast in their own language: the SMS of every language the template
 * has is rendered and checked at creation, frozen at approval, and sent per resident language
 * through the outbox to the built-in Twilio sandbox. Residents of a language no template has
 * (Uyghur, allowed in the test profile) get the broadcast's own language.
 */
@QuarkusTest
class BroadcastLanguagesTest {

    /** 13 Chinese characters: the English SMS becomes UCS-2 and passes cold-wave's 2-segment limit; the Chinese does not. */
    private static final String LONG_CHINESE_AREA = "资阳区新桥河镇上湾村下湾村";

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    OccurrenceFirer firer;

    @Inject
    Clock clock;

    private String run;
    private String prefix;
    private int phones;

    @BeforeEach
    void setUp() {
        staff.ensureUsers();
        run = AudienceFixtures.run();
        prefix = "+86139" + String.format("%04d", new Random().nextInt(10_000));
        phones = 0;
    }

    private String phone() {
        return prefix + String.format("%04d", phones++);
    }

    private static String coldWave(
            String language, String area, List<String> channels, String status, String areaCode) {
        return """
                {"templateId":"cold-wave","language":"%s","channels":%s,"priority":"routine","status":"%s",
                 "variables":{"area":"%s","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(
                        language, channels.stream().map(c -> "\"" + c + "\"").toList(), status, area, areaCode);
    }

    private static String received(String phone) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sandboxBodies(phone).size() == 1);
        return sandboxBodies(phone).get(0);
    }

    /** Frozen texts of a detail as language -> text, asserting the broadcast's own language comes first. */
    private static Map<String, String> frozenTexts(JsonPath detail, String ownLanguage) {
        assertThat(detail.getString("smsTexts[0].language")).isEqualTo(ownLanguage);
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> rows = detail.getList("smsTexts");
        rows.forEach(r -> texts.put((String) r.get("language"), (String) r.get("text")));
        rows.forEach(r -> assertThat((Integer) r.get("segments"))
                .as("segments of %s", r.get("language"))
                .isBetween(1, 2));
        return texts;
    }

    @Test
    void eachResidentReadsTheColdWaveInTheirLanguageAndAnUnknownLanguageGetsTheBroadcasts() {
        String village = audience.area("LG" + run, "Language village " + run, AreaKind.VILLAGE, null);
        String chinese = phone();
        String english = phone();
        String uyghur = phone();
        audience.resident(chinese, List.of(village), List.of(), "zh-CN", false);
        audience.resident(english, List.of(village), List.of(), "en", false);
        audience.resident(uyghur, List.of(village), List.of(), "ug", false);

        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave("zh-CN", "新桥河镇", List.of("sms"), "actual", village));
        // Before approval nothing is frozen.
        as(OPERATOR).get("/api/broadcasts/" + id).then().statusCode(200).body("smsTexts.size()", equalTo(0));
        Map<String, String> texts = frozenTexts(BroadcastSteps.approve(() -> as(APPROVER), id), "zh-CN");
        assertThat(texts).containsOnlyKeys("zh-CN", "en");
        assertThat(texts.get("zh-CN")).startsWith("【资阳区应急管理局】").contains("新桥河镇有寒潮冻雨", "-3℃");
        assertThat(texts.get("en"))
                .startsWith("[Ziyang Emergency] Cold wave in 新桥河镇 20-25 Jan")
                .contains("icy roads");

        firer.fireDue(clock.instant(), "test-lang");

        assertThat(received(chinese)).isEqualTo(texts.get("zh-CN"));
        assertThat(received(english)).isEqualTo(texts.get("en"));
        assertThat(received(uyghur))
                .as("no template speaks Uyghur: the broadcast's own language")
                .isEqualTo(texts.get("zh-CN"));
        // Completed once every SMS is final (receipts come back from the sandbox).
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "completed"
                        .equals(as(OPERATOR)
                                .get("/api/broadcasts/" + id)
                                .then()
                                .extract()
                                .path("broadcast.status")));
        // The detail keeps listing what each language got; the broadcast's own text is unchanged.
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("completed"))
                .body("smsText", equalTo(texts.get("zh-CN")))
                .body("smsTexts.language", equalTo(List.of("zh-CN", "en")))
                .body("smsTexts.text", equalTo(List.of(texts.get("zh-CN"), texts.get("en"))));
    }

    @Test
    void anApprovedExerciseUpdateTextsEveryResidentInTheirLanguageMarkedOnceAsAnExercise() {
        String village = audience.area("LX" + run, "Drill village " + run, AreaKind.VILLAGE, null);
        String chinese = phone();
        String uyghur = phone();
        String notTest = phone();
        audience.resident(chinese, List.of(village), List.of(), "zh-CN", true);
        audience.resident(uyghur, List.of(village), List.of(), "ug", true);
        audience.resident(notTest, List.of(village), List.of(), "zh-CN", false);
        long old = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave("en", "Xinqiao", List.of("sms"), "exercise", village));

        long update = as(OPERATOR)
                .body(coldWave("en", "新桥河镇", List.of("sms"), "exercise", village))
                .post("/api/broadcasts/" + old + "/update")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        JsonPath detail = BroadcastSteps.approve(() -> as(APPROVER), update);
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> rows = detail.getList("smsTexts");
        rows.forEach(r -> texts.put((String) r.get("language"), (String) r.get("text")));
        assertThat(texts.keySet()).containsExactly("en", "zh-CN");
        // The mark takes the English SMS (UCS-2 for the Chinese place name) to a third segment: sent, and shown.
        assertThat(detail.getInt("smsTexts[0].segments")).isEqualTo(3);
        assertThat(detail.getBoolean("smsTexts[0].overLimit")).isTrue();
        assertThat(detail.getInt("smsTexts[1].segments")).isEqualTo(2);
        assertThat(texts.get("zh-CN")).startsWith("【资阳区应急管理局】演练：").containsOnlyOnce("演练");
        assertThat(texts.get("en")).startsWith("[Ziyang Emergency] EXERCISE: Cold wave in 新桥河镇");
        firer.fireDue(clock.instant(), "test-lang");

        assertThat(received(chinese)).isEqualTo(texts.get("zh-CN")).contains("新桥河镇有寒潮冻雨");
        assertThat(received(uyghur)).isEqualTo(texts.get("en"));
        assertThat(received(notTest))
                .as("an exercise reaches its real audience, not only test residents")
                .isEqualTo(texts.get("zh-CN"));
    }

    @Test
    void freeTextWithAKeyInstructionAndAnEnglishTextIsTitledByItsFirstWordsAndReadByEachInTheirLanguage() {
        String village = audience.area("LF" + run, "Free text village " + run, AreaKind.VILLAGE, null);
        String chinese = phone();
        String english = phone();
        audience.resident(chinese, List.of(village), List.of(), "zh-CN", false);
        audience.resident(english, List.of(village), List.of(), "en", false);
        String body = """
                {"text":"今晚8点起桥北大市场雨棚检修，请商户提前收好货物，市场暂停营业。",
                 "textEn":"Qiaobei market is closed from 8 pm tonight for canopy repairs.",
                 "keyInstruction":"今晚8点后不要进入市场。",
                 "language":"zh-CN","channels":["sms"],"priority":"routine",
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(village);
        long id = BroadcastSteps.submitted(() -> as(OPERATOR), body);
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.title", equalTo("今晚8点起桥北大市场雨棚检修"));
        JsonPath detail = BroadcastSteps.approve(() -> as(APPROVER), id);
        assertThat(detail.getList("smsTexts.language")).containsExactly("zh-CN", "en");
        assertThat(detail.getString("smsTexts[1].text"))
                .isEqualTo("[Ziyang Emergency] Qiaobei market is closed from 8 pm tonight for canopy repairs.");
        // The key instruction follows the text as the profile repeats a template's (Mandarin: once,
        // after 再次提醒; Xiang: twice), kept as written.
        assertThat(detail.getString("loudspeakerScript"))
                .contains("市场暂停营业。")
                .endsWith("市场暂停营业。再次提醒：今晚8点后不要进入市场。请大家相互转告。");
        firer.fireDue(clock.instant(), "test-lang");
        assertThat(received(chinese)).isEqualTo("【资阳区应急管理局】今晚8点起桥北大市场雨棚检修，请商户提前收好货物，市场暂停营业。");
        assertThat(received(english)).isEqualTo(detail.getString("smsTexts[1].text"));

        // A given title wins; the extras belong to free text only; English needs no English twin.
        long titled = BroadcastSteps.submitted(
                () -> as(OPERATOR), body.replace("{\"text\"", "{\"title\":\"市场雨棚检修\",\"text\""));
        as(OPERATOR).get("/api/broadcasts/" + titled).then().body("broadcast.title", equalTo("市场雨棚检修"));
        as(OPERATOR)
                .body(coldWave("zh-CN", "新桥河镇", List.of("sms"), "actual", village)
                        .replace("{\"templateId\"", "{\"keyInstruction\":\"不要出门\",\"templateId\""))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("keyInstruction"));
        as(OPERATOR)
                .body(body.replace("\"language\":\"zh-CN\"", "\"language\":\"en\""))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body("field", equalTo("textEn"));
        as(OPERATOR)
                .body(body.replace("{\"text\"", "{\"title\":\"" + "长".repeat(81) + "\",\"text\""))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body("field", equalTo("title"))
                .body("detail", containsString("at most 80"));
    }

    @Test
    void anotherLanguageOverTheSegmentLimitIsStillSentAndShownButTheBroadcastsOwnLanguageMustFit() {
        String village = audience.area("LV" + run, "Long name village " + run, AreaKind.VILLAGE, null);
        String english = phone();
        audience.resident(english, List.of(village), List.of(), "en", false);

        // Written in English, the long Chinese place name takes the SMS over cold-wave's limit: refused as before.
        as(OPERATOR)
                .body(coldWave("en", LONG_CHINESE_AREA, List.of("sms"), "actual", village))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("variables.area"))
                .body("detail", containsString("over this template's limit of 2"));

        // Written in Chinese it fits; the English text for English readers is sent anyway, marked over the limit.
        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave("zh-CN", LONG_CHINESE_AREA, List.of("sms"), "actual", village));
        JsonPath detail = BroadcastSteps.approve(() -> as(APPROVER), id);
        assertThat(detail.getList("smsTexts.language")).containsExactly("zh-CN", "en");
        assertThat(detail.getInt("smsTexts[0].segments")).isEqualTo(2);
        assertThat(detail.getBoolean("smsTexts[0].overLimit")).isFalse();
        assertThat(detail.getInt("smsTexts[1].segments")).isEqualTo(3);
        assertThat(detail.getInt("smsTexts[1].segmentLimit")).isEqualTo(2);
        assertThat(detail.getBoolean("smsTexts[1].overLimit")).isTrue();
        firer.fireDue(clock.instant(), "test-lang");
        assertThat(received(english))
                .isEqualTo(detail.getString("smsTexts[1].text"))
                .contains("Cold wave in " + LONG_CHINESE_AREA);
    }

    @Test
    void aLanguageWhoseSmsIsTooLongToSendIsRefusedAtCreationAndUpdateNamingTheLanguage() {
        String village = audience.area("LT" + run, "Too long village " + run, AreaKind.VILLAGE, null);
        String template = "lang-long-" + run.toLowerCase(java.util.Locale.ROOT);
        // No segment limit, and an English SMS longer than the SMS feature sends (1600 characters).
        adminJson()
                .body(Map.of(
                        "id",
                        template,
                        "name",
                        Map.of("zh-CN", "测试", "en", "Test"),
                        "category",
                        "Safety",
                        "severity",
                        "Minor",
                        "urgency",
                        "Future",
                        "certainty",
                        "Possible",
                        "variables",
                        List.of(Map.of("name", "area", "type", "area", "required", true, "maxLength", 20)),
                        "renditions",
                        List.of(
                                Map.of("channel", "sms", "language", "zh-CN", "text", "{area}注意安全。"),
                                Map.of(
                                        "channel",
                                        "sms",
                                        "language",
                                        "en",
                                        "text",
                                        "{area}: " + "Take care. ".repeat(160)),
                                Map.of("channel", "loudspeaker", "language", "zh-CN", "text", "{area}注意安全。"))))
                .post("/api/templates")
                .then()
                .statusCode(201);
        String body = """
                {"templateId":"%s","language":"zh-CN","channels":["sms"],"variables":{"area":"新桥河镇"},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(template, village);

        as(OPERATOR)
                .body(body)
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("templateId"))
                .body("detail", containsString("en SMS: 178"))
                .body("detail", containsString("characters; an SMS can be at most 1600"));

        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave("zh-CN", "新桥河镇", List.of("sms"), "actual", village));
        as(OPERATOR)
                .body(body)
                .post("/api/broadcasts/" + id + "/update")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("templateId"))
                .body("detail", containsString("en SMS"));

        // Without the SMS channel nothing is texted, so only the broadcast's own language is rendered.
        as(OPERATOR)
                .body(body.replace("[\"sms\"]", "[\"loudspeaker\"]"))
                .post("/api/broadcasts")
                .then()
                .statusCode(201)
                .body("smsTexts.size()", equalTo(0));
    }
}
