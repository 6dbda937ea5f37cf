package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.recording.RecordingFixtures;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broadcast whose loudspeaker audio is a staff recording: the SMS stays its text, the horns
 * play the recording between the programme's chimes, and the approval card's audio is the one
 * the terminals get. A recording in use cannot be deleted.
 */
@QuarkusTest
class BroadcastRecordingTest {

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    AudioCatalog catalog;

    @Inject
    AudioService audio;

    @Inject
    BroadcastAudio broadcastAudio;

    @Inject
    OccurrenceFirer firer;

    @Inject
    Clock clock;

    @BeforeEach
    void setUp() {
        staff.ensureUsers();
    }

    private JsonPath recorded(String label) {
        byte[] wav = RecordingFixtures.wav24Stereo(
                RecordingFixtures.noisy(RecordingFixtures.speech(catalog, "各位村民请注意，今晚有寒潮，请关好门窗，烤火注意通风。"), -30, -62, 9));
        return as(OPERATOR)
                .contentType("audio/wav")
                .body(wav)
                .post("/api/recordings?kind=notice&label=" + label)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static String body(String village, String channels, Object recordingId) {
        return """
                {"text":"今晚有寒潮，请关好门窗，烤火注意通风。","language":"zh-CN","channels":%s,
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"},"recordingId":%s}""".formatted(channels, village, recordingId);
    }

    @Test
    void theHornsPlayTheRecordingTheApproverHeardAndTheSmsStaysText() {
        String run = AudienceFixtures.run();
        String village = audience.area("RV" + run, "Recording village " + run, AreaKind.VILLAGE, null);
        audience.terminal(village, true, false);
        JsonPath recording = recorded("寒潮夜间提醒");
        long recordingId = recording.getLong("id");

        long id = BroadcastSteps.submitted(() -> as(OPERATOR), body(village, "[\"sms\",\"loudspeaker\"]", recordingId));
        as(OPERATOR).get("/api/broadcasts/" + id).then().statusCode(200).body("recordingId", equalTo((int)
                recordingId));
        // What the approval card plays, before approval.
        String heard = QuarkusTransaction.requiringNew()
                .call(() -> broadcastAudio
                        .programme(Broadcast.findById(id))
                        .programme()
                        .key());
        BroadcastSteps.approve(() -> as(APPROVER), id);
        firer.fireDue(clock.instant(), "test-recording");
        as(OPERATOR).get("/api/broadcasts/" + id).then().statusCode(200).body("smsText", containsString("今晚有寒潮，请关好门窗"));

        // The loudspeaker side of a firing runs on the firer's speaker threads.
        Occurrence o = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(
                        () -> QuarkusTransaction.requiringNew()
                                .call(() -> Occurrence.<Occurrence>list("broadcastId", id)
                                        .get(0)),
                        occ -> occ.audioKey != null);
        assertThat(o.audioKey).isEqualTo(heard);
        RenderedProgramme played = audio.find(o.audioKey).orElseThrow();
        assertThat(played.profileId()).isEqualTo("recording");
        // Routine chimes (0.35 + 0.5 s, 40 ms gaps), pauses 0.4 + 0.5 s, the programme's 0.3 + 0.5 s of
        // lead and tail silence, and the recording itself: nothing synthesized was added.
        double expected = recording.getLong("durationMs") / 1000.0 + 0.35 + 0.04 + 0.5 + 0.04 + 0.4 + 0.5 + 0.3 + 0.5;
        double seconds = Wav.read(audio.read(o.audioKey, AudioFormat.WAV, 0, played.wavBytes() - 1))
                .durationSeconds();
        assertThat(seconds).isBetween(expected - 0.05, expected + 0.05);
        assertThat(played.loudnessLufs()).isBetween(-17.0, -15.0);

        as(OPERATOR)
                .delete("/api/recordings/" + recordingId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("cannot be deleted"));
    }

    @Test
    void aRecordingMustBeANoticeThatExistsAndTheBroadcastMustUseTheHorns() {
        String run = AudienceFixtures.run();
        String village = audience.area("RW" + run, "Recording check " + run, AreaKind.VILLAGE, null);
        long recordingId = recorded("只用于校验").getLong("id");
        as(OPERATOR)
                .body(body(village, "[\"sms\"]", recordingId))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("recordingId"))
                .body("errors[0].message", containsString("loudspeaker"));
        as(OPERATOR)
                .body(body(village, "[\"loudspeaker\"]", 987_654_321L))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("recordingId"));
        // Not used by anything sent to approval: it may go; then a new broadcast cannot use it.
        as(OPERATOR).delete("/api/recordings/" + recordingId).then().statusCode(200);
        as(OPERATOR)
                .body(body(village, "[\"loudspeaker\"]", recordingId))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("was deleted"));
    }
}
