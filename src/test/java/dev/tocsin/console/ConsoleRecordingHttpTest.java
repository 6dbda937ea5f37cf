package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.recording.RecordingFixtures;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's recording endpoints over HTTP: the mastered listen-back and the save take the
 * audio as the body with the CSRF token as a header, refusals come back as problem+json the
 * recorder shows, approvers read but do not record, and a phrase recorded twice is version 2.
 */
@QuarkusTest
class ConsoleRecordingHttpTest {

    static final String BANK = "xiang-yiyang";
    private static byte[] speech;

    @Inject
    AudienceFixtures audience;

    @Inject
    AudioCatalog catalog;

    @BeforeEach
    void users() {
        audience.ensureUsers();
        if (speech == null) {
            Pcm pcm = RecordingFixtures.speech(catalog, "各位村民请注意，明天上午停电检修。");
            speech = Wav.write(Wav.quantise(pcm.samples()), pcm.sampleRate());
        }
    }

    /** A signed-in session with its CSRF token, from opening the recordings page. */
    record Session(Map<String, String> cookies, String csrf, String page) {
        static Session of(String user) {
            Map<String, String> cookies = ConsoleHttpTest.login(user, AudienceFixtures.PASSWORD);
            Response page =
                    given().cookies(cookies).header("Accept-Language", "en").get("/console/recordings");
            assertThat(page.statusCode()).isEqualTo(200);
            return new Session(cookies, page.getCookie(ConsoleView.CSRF_COOKIE), page.asString());
        }

        RequestSpecification audio(String type, byte[] body) {
            return given().redirects()
                    .follow(false)
                    .cookies(cookies)
                    .cookie(ConsoleView.CSRF_COOKIE, csrf)
                    .header(CsrfFilter.HEADER, csrf)
                    .contentType(type)
                    .body(body);
        }
    }

    @Test
    void theListenBackIsTheMasteredWavWithItsMeasuresAndNeedsTheCsrfHeader() {
        Session operator = Session.of(AudienceFixtures.OPERATOR);
        Response mastered = operator.audio("audio/wav", speech).post("/console/recordings/mastered");
        assertThat(mastered.statusCode()).isEqualTo(200);
        assertThat(mastered.contentType()).startsWith("audio/wav");
        long ms = Long.parseLong(mastered.header("X-Recording-Duration-Ms"));
        Pcm heard = Wav.read(mastered.asByteArray());
        assertThat(heard.durationSeconds() * 1000).isCloseTo(ms, org.assertj.core.data.Offset.offset(2.0));
        assertThat(ms).isGreaterThan(1000);
        assertThat(Double.parseDouble(mastered.header("X-Recording-Loudness-Lufs")))
                .isBetween(-17.0, -15.0);

        Response forged = given().redirects()
                .follow(false)
                .cookies(operator.cookies())
                .cookie(ConsoleView.CSRF_COOKIE, operator.csrf())
                .contentType("audio/wav")
                .body(speech)
                .post("/console/recordings/mastered");
        assertThat(forged.statusCode()).as("no X-CSRF-Token header").isEqualTo(403);
    }

    @Test
    void refusalsAreProblemsNamingWhatIsWrong() {
        Session operator = Session.of(AudienceFixtures.OPERATOR);
        Response text = operator.audio("text/plain", "hello".getBytes(StandardCharsets.UTF_8))
                .post("/console/recordings/mastered");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.contentType()).startsWith("application/problem+json");
        assertThat(text.jsonPath().getString("detail")).contains("audio/wav");

        Response garbage = operator.audio("audio/wav", new byte[] {1, 2, 3, 4}).post("/console/recordings/mastered");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");

        Response noLabel = operator.audio("audio/wav", speech).post("/console/recordings?kind=notice");
        assertThat(noLabel.statusCode()).isEqualTo(400);
        assertThat(noLabel.jsonPath().getString("errors[0].field")).isEqualTo("label");

        Response badKind = operator.audio("audio/wav", speech).post("/console/recordings?kind=song&label=x");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.jsonPath().getString("errors[0].field")).isEqualTo("kind");

        Response noBank =
                operator.audio("audio/wav", speech).post("/console/recordings?kind=phrase&phrase=请注意&bank=nowhere");
        assertThat(noBank.statusCode()).isEqualTo(400);
        assertThat(noBank.jsonPath().getString("errors[0].field")).isEqualTo("bank");

        assertThat(given().cookies(operator.cookies())
                        .get("/console/phrase-banks/nowhere")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void approversListenButDoNotRecordAndTheRecordingPagesMayUseTheMicrophone() {
        Session approver = Session.of(AudienceFixtures.APPROVER);
        assertThat(approver.page())
                .contains("href=\"/console/recordings\" aria-current=\"page\"")
                .doesNotContain("id=\"notice-recorder\"");
        assertThat(approver.audio("audio/wav", speech)
                        .post("/console/recordings/mastered")
                        .statusCode())
                .isEqualTo(403);
        assertThat(approver.audio("audio/wav", speech)
                        .post("/console/recordings?kind=notice&label=x")
                        .statusCode())
                .isEqualTo(403);

        Response page = given().cookies(approver.cookies()).get("/console/phrase-banks/" + BANK);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Permissions-Policy")).contains("microphone=(self)");
        assertThat(page.header("Content-Security-Policy")).contains("media-src 'self' blob:");
        assertThat(given().cookies(approver.cookies()).get("/console/areas").header("Permissions-Policy"))
                .contains("microphone=()");
        Response clip = given().urlEncodingEnabled(false)
                .cookies(approver.cookies())
                .get("/console/phrase-banks/" + BANK + "/clip?text="
                        + URLEncoder.encode("请注意", StandardCharsets.UTF_8));
        assertThat(clip.statusCode()).isEqualTo(200);
        assertThat(Wav.read(clip.asByteArray()).durationSeconds()).isGreaterThan(0.2);
    }

    @Test
    void aSavedNoticeIsListedAndDeletedUnlessABroadcastInApprovalUsesIt() {
        Session operator = Session.of(AudienceFixtures.OPERATOR);
        String label = "停电通知 " + AudienceFixtures.run();
        Response saved = operator.audio("audio/wav", speech)
                .urlEncodingEnabled(false)
                .post("/console/recordings?kind=notice&label=" + URLEncoder.encode(label, StandardCharsets.UTF_8));
        assertThat(saved.statusCode()).isEqualTo(201);
        long id = saved.jsonPath().getLong("id");
        assertThat(saved.jsonPath().getString("next"))
                .isEqualTo("/console/recordings?done=saved&label=" + URLEncoder.encode(label, StandardCharsets.UTF_8));
        String list = given().cookies(operator.cookies())
                .queryParam("done", "saved")
                .queryParam("label", label)
                .get("/console/recordings")
                .asString();
        assertThat(list)
                .contains("id=\"notice\">已保存：" + label)
                .contains("<tr data-id=\"" + id + "\">\n    <th scope=\"row\">" + label + "</th>");
        assertThat(given().cookies(operator.cookies()).get("/console/compose").asString())
                .contains("<option value=\"" + id + "\">");

        String village = audience.area("RC" + AudienceFixtures.run(), "Recorded village", AreaKind.VILLAGE, null);
        audience.terminal(village, true, false);
        long broadcast = BroadcastSteps.submitted(
                () -> AudienceFixtures.operator().contentType("application/json"), """
                {"text":"明天上午停电检修。","language":"zh-CN","channels":["loudspeaker"],
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"},"recordingId":%d}""".formatted(village, id));
        Response refused = given().redirects()
                .follow(false)
                .cookies(operator.cookies())
                .cookie(ConsoleView.CSRF_COOKIE, operator.csrf())
                .header("Accept-Language", "en")
                .contentType("application/x-www-form-urlencoded")
                .formParam(Chrome.CSRF_FIELD, operator.csrf())
                .post("/console/recordings/" + id + "/delete");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.asString()).contains("id=\"delete-error\"").contains("cannot be deleted");

        String detail = given().cookies(operator.cookies())
                .get("/console/broadcasts/" + broadcast)
                .asString();
        assertThat(detail).contains("data-recording-id=\"" + id + "\"").contains(label);
        AudienceFixtures.approver()
                .contentType("application/json")
                .body("{\"comment\":\"not now\"}")
                .post("/api/broadcasts/" + broadcast + "/reject")
                .then()
                .statusCode(200);
        Response deleted = given().redirects()
                .follow(false)
                .cookies(operator.cookies())
                .cookie(ConsoleView.CSRF_COOKIE, operator.csrf())
                .contentType("application/x-www-form-urlencoded")
                .formParam(Chrome.CSRF_FIELD, operator.csrf())
                .post("/console/recordings/" + id + "/delete");
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(given().cookies(operator.cookies())
                        .get("/console/recordings")
                        .asString())
                .doesNotContain("<tr data-id=\"" + id + "\">");
    }

    @Test
    void theComposeFormKeepsTheChosenRecordingWhenItIsShownAgainWithErrors() {
        Session operator = Session.of(AudienceFixtures.OPERATOR);
        long id = operator.audio("audio/wav", speech)
                .post("/console/recordings?kind=notice&label=compose-" + AudienceFixtures.run())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Response noArea = compose(operator, Long.toString(id));
        assertThat(noArea.statusCode()).as("no area chosen").isEqualTo(400);
        assertThat(noArea.asString()).contains("<option value=\"" + id + "\" selected>");
        Response notANumber = compose(operator, "abc");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        String error = notANumber
                .asString()
                .replaceAll("(?s).*<span class=\"error\" id=\"recordingId-error\"[^>]*>([^<]*)<.*", "$1");
        assertThat(error).as("the error on the recordingId field").isNotBlank();
    }

    private static Response compose(Session operator, String recordingId) {
        return ConsoleForms.open(operator.cookies(), "/console/compose")
                .post()
                .formParam("templateId", "")
                .formParam("text", "明天上午停电检修。")
                .formParam("language", "zh-CN")
                .formParam("channels", "loudspeaker")
                .formParam("priority", "routine")
                .formParam("status", "actual")
                .formParam("schedule.kind", "NOW")
                .formParam("recordingId", recordingId)
                .post("/console/compose");
    }

    @Test
    void aPhraseRecordedTwiceIsVersionTwoAndANewEntryJoinsTheBank() {
        Session operator = Session.of(AudienceFixtures.OPERATOR);
        String phrase = "请注意";
        String path = "/console/recordings?kind=phrase&bank=" + BANK;
        Response first =
                operator.audio("audio/wav", speech).queryParam("phrase", phrase).post(path);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.jsonPath().getString("next")).startsWith("/console/phrase-banks/" + BANK + "?done=saved");
        assertThat(operator.audio("audio/wav", speech)
                        .queryParam("phrase", phrase)
                        .post(path)
                        .statusCode())
                .isEqualTo(201);
        String extra = "村口集合" + AudienceFixtures.run();
        assertThat(operator.audio("audio/wav", speech)
                        .queryParam("phrase", extra)
                        .post("/console/recordings?kind=slot&bank=" + BANK)
                        .statusCode())
                .isEqualTo(201);

        String page = given().cookies(operator.cookies())
                .header("Accept-Language", "en")
                .get("/console/phrase-banks/" + BANK)
                .asString();
        String row = page.substring(page.indexOf("<tr data-text=\"" + phrase + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains("data-status=\"recorded\"")
                .containsPattern("recorded by " + AudienceFixtures.OPERATOR + ", [-0-9: ]+, version \\d+");
        int version = Integer.parseInt(row.replaceAll("(?s).*version (\\d+).*", "$1"));
        assertThat(version).isGreaterThanOrEqualTo(2);
        assertThat(page).contains("<tr data-text=\"" + extra + "\" data-kind=\"slot\" data-status=\"recorded\">");
        assertThat(page).contains("data-status=\"packaged\"");
    }
}
