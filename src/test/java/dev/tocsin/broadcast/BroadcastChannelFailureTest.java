package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.coldWave;
import static dev.tocsin.broadcast.LifecycleScenario.occurrences;
import static dev.tocsin.broadcast.LifecycleScenario.smsStates;
import static dev.tocsin.broadcast.LifecycleScenario.status;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.console.BroadcastProgress;
import dev.tocsin.console.DashboardFigures;
import dev.tocsin.fanout.DeliveryTracker;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.sms.DeliveryState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** An installation without espeak-ng: the Xiang loudspeaker channel is never skipped without anyone noticing. */
@QuarkusTest
@TestProfile(BroadcastChannelFailureTest.NoEspeak.class)
class BroadcastChannelFailureTest {

    /** As {@code AudioEngineUnavailableTest}: no Chinese engine (espeak-ng absent, bundled one disabled). */
    public static class NoEspeak implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tocsin.audio.espeak.command",
                    "/nonexistent/espeak-ng",
                    "tocsin.audio.espeak-wasm.enabled",
                    "false");
        }
    }

    @Inject
    LifecycleScenario scenario;

    @Inject
    BroadcastService service;

    @Inject
    OccurrenceFirer firer;

    @Inject
    DeliveryTracker tracker;

    @Inject
    DashboardFigures dashboard;

    @Inject
    BroadcastProgress progress;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private static final List<String> BOTH = List.of("sms", "loudspeaker");

    @Test
    void aLoudspeakerChannelThatCannotBeSpokenIsRefusedAtCreateWhileSmsAloneIsAccepted() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        as(OPERATOR)
                .body(coldWave(d.areas(), BOTH, "{\"kind\":\"NOW\"}", "zh-CN", "xiang-yiyang"))
                .post("/api/broadcasts")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("channels"))
                .body("detail", containsString("voice profile 'xiang-yiyang' cannot be spoken on this installation"))
                .body("detail", containsString("engine unavailable"));
        long smsOnly = submitted(coldWave(d.areas(), List.of("sms"), "{\"kind\":\"NOW\"}", "zh-CN", "xiang-yiyang"));
        assertThat(status(smsOnly)).isEqualTo("pending_approval");
    }

    @Test
    void aCapTriggeredDraftIsKeptWithTheChannelFlaggedAndItsSubmitIsRefused() throws Exception {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        BroadcastRequest request = json.readValue(
                coldWave(d.areas(), BOTH, "{\"kind\":\"NOW\"}", "zh-CN", "xiang-yiyang"), BroadcastRequest.class);
        long id = QuarkusTransaction.requiringNew().call(() -> service.draftForAlert("system:cap", request).id);

        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("draft"))
                .body("broadcast.channels", equalTo(BOTH))
                .body("channelProblem", containsString("'xiang-yiyang'"))
                .body("timeline.action", org.hamcrest.Matchers.hasItem("broadcast.channel-flagged"));
        as(OPERATOR)
                .post("/api/broadcasts/" + id + "/submit")
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("voice profile 'xiang-yiyang'"));
        assertThat(status(id)).isEqualTo("draft");
    }

    @Test
    void aLoudspeakerChannelFailingAfterApprovalIsRecordedCountedLoggedAndShownAsAFailure() {
        LifecycleScenario.District d = scenario.villages(2, 1, "zh-CN");
        long id = submitted(coldWave(d.areas(), List.of("sms"), "{\"kind\":\"NOW\"}", "zh-CN", "xiang-yiyang"));
        approve(id);
        // Approved while the engine was there (an SMS + loudspeaker broadcast); the engine is gone at firing.
        QuarkusTransaction.requiringNew().run(() -> Broadcast.update("channelLoudspeaker = true where id = ?1", id));
        double before = failures();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(OccurrenceFirer.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(capture);
        try {
            firer.fireDue(clock.instant(), "failure-test");
        } finally {
            log.removeHandler(capture);
        }
        Occurrence o = occurrences(id).get(0);
        assertThat(o.failure).startsWith("loudspeaker: ").contains("xiang-yiyang");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Play.count("occurrenceRef", o.ref())))
                .isZero();
        assertThat(failures()).isEqualTo(before + 1);
        assertThat(warnings)
                .anySatisfy(r -> assertThat(formatted(r))
                        .contains("Broadcast " + id, "channel loudspeaker FAILED", "xiang-yiyang"));

        // SMS still reach every resident; once they are final the occurrence and the broadcast end FAILED.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> smsStates(o.ref()).equals(Map.of(DeliveryState.DELIVERED, 2L)));
        tracker.check();
        assertThat(occurrences(id).get(0).state).isEqualTo(OccurrenceState.FAILED);
        as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("occurrences[0].state", equalTo("failed"))
                .body("occurrences[0].failure", containsString("xiang-yiyang"));
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("occurrences[0].failure", containsString("loudspeaker"));
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> progress.progress(id))
                        .occurrences()
                        .get(0)
                        .failure())
                .contains("xiang-yiyang");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> dashboard.figures())
                        .failures())
                .anySatisfy(f -> {
                    assertThat(f.occurrenceId()).isEqualTo(o.id);
                    assertThat(f.channelFailure()).contains("loudspeaker", "xiang-yiyang");
                });
    }

    private double failures() {
        var c = metrics.find("tocsin.broadcast.channel.failures")
                .tag("channel", "loudspeaker")
                .counter();
        return c == null ? 0 : c.count();
    }

    private static String formatted(LogRecord r) {
        Object[] p = r.getParameters();
        if (p == null || p.length == 0) {
            return r.getMessage();
        }
        try {
            return String.format(r.getMessage(), p);
        } catch (java.util.IllegalFormatException e) {
            return java.text.MessageFormat.format(r.getMessage(), p);
        }
    }
}
