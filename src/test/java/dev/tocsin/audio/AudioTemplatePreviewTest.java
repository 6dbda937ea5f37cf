package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tocsin.audio.codec.Mp3Decoding;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.TruePeak;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/audio/preview} with a notice template instead of a ready script. */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class AudioTemplatePreviewTest {

    private static final String TEMPLATE = "charcoal-carbon-monoxide";

    private static RequestSpecification staff() {
        return admin();
    }

    private static ValidatableResponse post(Map<String, Object> body) {
        return staff().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/audio/preview")
                .then();
    }

    /** A value no earlier run used, so the first request renders even on a kept MariaDB database. */
    private static String freshArea() {
        return "Ward " + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static Map<String, Object> english(String area) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", TEMPLATE);
        body.put("variables", Map.of("area", area, "emergencyPhone", "120"));
        body.put("language", "en");
        return body;
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/api/audio/"));
    }

    @Test
    void templatePreviewSpeaksTheRenderedNoticeMasteredToTheTarget() throws Exception {
        String area = freshArea();
        JsonPath p = post(english(area)).statusCode(200).extract().jsonPath();
        assertThat(p.getBoolean("cached")).isFalse();
        assertThat(p.getString("templateId")).isEqualTo(TEMPLATE);
        assertThat(p.getInt("templateVersion")).isPositive();
        assertThat(p.getString("language")).isEqualTo("en");
        assertThat(p.getString("dialect")).isEqualTo("en");
        assertThat(p.getString("profile")).isEqualTo("en");
        assertThat(p.getString("severity")).isEqualTo("routine");
        assertThat(p.getString("engine")).startsWith("freetts");
        // The rendered body (variables filled in) without the dialect's opening and closing,
        // which the programme speaks from the voice profile.
        assertThat(p.getString("script"))
                .startsWith("Residents of " + area + ":")
                .contains("call 120.")
                .doesNotContain("Attention please");
        assertThat(p.getString("keyInstruction")).isEqualTo("Heating with charcoal? Keep a window open.");

        Pcm mp3 = Mp3Decoding.decode(given().get(path(p.getString("mp3Url")))
                .then()
                .statusCode(200)
                .contentType("audio/mpeg")
                .extract()
                .asByteArray());
        assertThat(mp3.sampleRate()).isEqualTo(16000);
        // Chime, opening, about 15 s of body, the key instruction twice and the closing.
        assertThat(mp3.durationSeconds()).isGreaterThan(20).isCloseTo(p.getDouble("durationSeconds"), within(0.15));
        assertThat(LoudnessMeter.integrated(mp3)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(mp3)).isLessThanOrEqualTo(-1.0);

        Pcm wav = Wav.read(given().get(path(p.getString("wavUrl")))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertThat(wav.durationSeconds()).isCloseTo(p.getDouble("durationSeconds"), within(0.001));
        assertThat(LoudnessMeter.integrated(wav)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(wav)).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void sameTemplateRequestTwiceIsACacheHit() {
        Map<String, Object> body = english(freshArea());
        body.put("severity", "urgent");
        JsonPath first = post(body).statusCode(200).extract().jsonPath();
        JsonPath second = post(body).statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("cached")).isFalse();
        assertThat(second.getBoolean("cached")).isTrue();
        assertThat(second.getString("key")).isEqualTo(first.getString("key"));
        assertThat(second.getString("severity")).isEqualTo("urgent");
        assertThat(second.getString("contentHash")).isEqualTo(first.getString("contentHash"));
    }

    @Test
    void templatePreviewIsTheSameProgrammeAsTheRewrittenScriptGivenDirectly() {
        Map<String, Object> body = english(freshArea());
        JsonPath t = post(body).statusCode(200).extract().jsonPath();
        JsonPath s = post(Map.of(
                        "script",
                        t.getString("script"),
                        "profile",
                        "en",
                        "severity",
                        "routine",
                        "keyInstruction",
                        t.getString("keyInstruction")))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(s.getString("key")).isEqualTo(t.getString("key"));
        assertThat(s.getBoolean("cached")).isTrue();
        assertThat(s.getString("templateId")).isNull();
    }

    @Test
    void xiangDialectTemplateIsRewrittenByTheLexiconAndSpokenByItsVoiceProfile() throws Exception {
        JsonPath p = post(Map.of(
                        "templateId",
                        TEMPLATE,
                        "variables",
                        Map.of("area", "茈湖口镇" + System.nanoTime() % 100_000),
                        "language",
                        "zh-CN",
                        "dialect",
                        "xiang-yiyang"))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p.getString("dialect")).isEqualTo("xiang-yiyang");
        assertThat(p.getString("profile")).isEqualTo("xiang-yiyang");
        assertThat(p.getString("engine")).startsWith("eSpeak NG");
        // 不要 -> 莫 and 睡觉 -> 困觉 by the Xiang lexicon; the default emergency number filled in.
        assertThat(p.getString("script")).contains("莫放卧室", "困觉之前", "急救电话120").doesNotContain("不要");
        assertThat(p.getString("keyInstruction")).isEqualTo("烤火记得开门窗，一氧化碳要严防。");
        Pcm decoded =
                Mp3Decoding.decode(given().get(path(p.getString("mp3Url"))).asByteArray());
        assertThat(decoded.durationSeconds()).isGreaterThan(15).isCloseTo(p.getDouble("durationSeconds"), within(0.15));
        assertThat(LoudnessMeter.integrated(decoded)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(decoded)).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void mandarinWithoutDialectUsesTheLanguagesDefaultVoice() {
        JsonPath p = post(Map.of("templateId", TEMPLATE, "variables", Map.of("area", "新桥河镇"), "language", "zh-CN"))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p.getString("dialect")).isEqualTo("mandarin");
        assertThat(p.getString("profile")).isEqualTo("mandarin");
        assertThat(p.getString("script")).contains("不要放卧室");
    }

    @Test
    void badTemplateInputIsRejectedWithTheFieldNamed() {
        Map<String, Object> unknown = english("Ward 1");
        unknown.put("templateId", "no-such-template");
        post(unknown).statusCode(400).contentType("application/problem+json").body("field", equalTo("templateId"));

        Map<String, Object> version = english("Ward 1");
        version.put("templateVersion", 99);
        post(version)
                .statusCode(400)
                .body("field", equalTo("templateVersion"))
                .body("detail", containsString("no version 99"));

        Map<String, Object> missing = english("Ward 1");
        missing.put("variables", Map.of());
        post(missing)
                .statusCode(400)
                .body("field", equalTo("variables.area"))
                .body("errors.find { it.field == 'variables.area' }.message", equalTo("is required"));

        Map<String, Object> invalid = english("Ward 1");
        invalid.put("variables", Map.of("area", "x".repeat(31), "smell", "smoke"));
        post(invalid).statusCode(400).body("errors.field", hasItems("variables.area", "variables.smell"));

        Map<String, Object> dialect = english("Ward 1");
        dialect.put("dialect", "klingon");
        post(dialect).statusCode(400).body("field", equalTo("dialect")).body("detail", containsString("klingon"));

        Map<String, Object> wrongLanguage = english("Ward 1");
        wrongLanguage.put("dialect", "xiang-yiyang");
        post(wrongLanguage).statusCode(400).body("field", equalTo("dialect"));

        Map<String, Object> language = english("Ward 1");
        language.put("language", "fr");
        post(language).statusCode(400).body("field", equalTo("language"));

        Map<String, Object> severity = english("Ward 1");
        severity.put("severity", "apocalyptic");
        post(severity).statusCode(400).body("field", equalTo("severity"));

        Map<String, Object> profile = english("Ward 1");
        profile.put("profile", "en");
        post(profile).statusCode(400).body("field", equalTo("profile"));
    }

    @Test
    void exactlyOneOfScriptAndTemplateIsRequired() {
        Map<String, Object> both = english("Ward 1");
        both.put("script", "Stay at home.");
        both.put("profile", "en");
        post(both)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("script", "templateId"))
                .body("detail", containsString("not both"));

        post(Map.of("language", "en", "severity", "routine"))
                .statusCode(400)
                .body("errors.field", hasItems("script", "templateId"))
                .body("detail", containsString("script or templateId is required"));

        post(Map.of("script", "Stay at home.", "profile", "en", "severity", "routine", "dialect", "en"))
                .statusCode(400)
                .body("field", equalTo("dialect"));
    }
}
