package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.recording.RecordingFixtures;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compose page's player says where the programme's words come from: the share spoken by
 * recordings and what the engine still says; with a recording chosen, it plays the recording's
 * programme, all of it recorded.
 */
@QuarkusTest
class ConsoleAudioSourcesHttpTest {

    static final String OPERATOR = "aso-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String PASSWORD = "console-audio-password";

    @Inject
    StaffService staff;

    @Inject
    AudioCatalog catalog;

    @BeforeEach
    void user() {
        if (staff.find(OPERATOR).isEmpty()) {
            staff.create("test", OPERATOR, PASSWORD, Set.of(Role.OPERATOR), OPERATOR);
        }
    }

    private static RequestSpecification composeAudio(Map<String, String> session) {
        String csrf = given().cookies(session).get("/console/compose").getCookie(ConsoleView.CSRF_COOKIE);
        return given().cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("X-CSRF-Token", csrf)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("text", "今晚最低气温零下3℃，请关好门窗，注意防寒。")
                .formParam("language", "zh-CN")
                .formParam("dialect", "xiang-yiyang")
                .formParam("channels", "loudspeaker");
    }

    @Test
    void thePlayerReportsTheRecordedShareAndWhatIsStillSynthesized() {
        Map<String, String> session = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        JsonPath synthesized = composeAudio(session)
                .post("/console/compose/audio")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(synthesized.getString("url")).startsWith("/api/audio/");
        // The demo bank's slots say 零下三摄氏度; the words around them are synthesized.
        assertThat(synthesized.getDouble("recordedShare")).isBetween(0.05, 0.95);
        List<String> parts = synthesized.getList("synthesized", String.class);
        assertThat(String.join("", parts)).contains("关好门窗").doesNotContain("摄氏度");

        long recording = given().auth()
                .preemptive()
                .basic(OPERATOR, PASSWORD)
                .contentType("audio/wav")
                .body(RecordingFixtures.wav24Stereo(
                        RecordingFixtures.noisy(RecordingFixtures.speech(catalog, "今晚最低气温零下三度，请关好门窗。"), -28, -64, 5)))
                .post("/api/recordings?kind=notice&label=console-audio")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonPath recorded = composeAudio(session)
                .formParam("recordingId", String.valueOf(recording))
                .post("/console/compose/audio")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(recorded.getString("engine")).isEqualTo("recording");
        assertThat(recorded.getDouble("recordedShare")).isEqualTo(1.0);
        assertThat(recorded.getList("synthesized")).isEmpty();
        assertThat(recorded.getString("url")).isNotEqualTo(synthesized.getString("url"));

        JsonPath unknown = composeAudio(session)
                .formParam("recordingId", "987654321")
                .post("/console/compose/audio")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(unknown.getString("url")).isNull();
        assertThat(unknown.getMap("errors")).containsKey("recordingId");
    }
}
