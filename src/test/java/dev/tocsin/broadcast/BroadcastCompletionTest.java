package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.coldWave;
import static dev.tocsin.broadcast.LifecycleScenario.occurrences;
import static dev.tocsin.broadcast.LifecycleScenario.playStates;
import static dev.tocsin.broadcast.LifecycleScenario.smsStates;
import static dev.tocsin.broadcast.LifecycleScenario.status;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.tocsin.fanout.DeliveryTracker;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sms.DeliveryState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Completed" is said only when every SMS is final and every play ended or was missed. */
@QuarkusTest
class BroadcastCompletionTest {

    @Inject
    LifecycleScenario scenario;

    @Inject
    OccurrenceFirer firer;

    @Inject
    DeliveryTracker tracker;

    @Inject
    PlayService plays;

    @Inject
    AdjustableClock time;

    @Inject
    Clock clock;

    @Inject
    BroadcastConfig config;

    @AfterEach
    void resetClock() {
        time.reset();
    }

    @Test
    void aNowBroadcastIsDeliveringWhileSmsOrPlaysAreOutstandingAndCompletedOnlyAfterwards() {
        LifecycleScenario.District d = scenario.villages(2, 2, "en");
        long id = submitted(coldWave(d.areas(), List.of("sms", "loudspeaker"), "{\"kind\":\"NOW\"}", "en"));
        approve(id);
        firer.fireDue(clock.instant(), "completion-test");
        Occurrence o = occurrences(id).get(0);

        assertThat(o.state).isEqualTo(OccurrenceState.FIRED);
        assertThat(status(id)).isEqualTo("delivering");
        as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .body("status", equalTo("delivering"))
                .body("occurrences[0].state", equalTo("fired"));

        // Every SMS delivered, but both plays still wait in the terminals' queues.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> smsStates(o.ref()).equals(Map.of(DeliveryState.DELIVERED, 4L)));
        tracker.check();
        assertThat(status(id)).isEqualTo("delivering");
        assertThat(occurrences(id).get(0).state).isEqualTo(OccurrenceState.FIRED);

        // The play window closes without the terminals playing: the plays are missed, the work is final.
        time.advance(config.playWindow().plusMinutes(1));
        QuarkusTransaction.requiringNew().call(() -> plays.expire());
        assertThat(playStates(o.ref())).isEqualTo(Map.of(PlayState.MISSED, 2L));
        tracker.check();
        assertThat(occurrences(id).get(0).state).isEqualTo(OccurrenceState.COMPLETED);
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("completed"))
                .body("occurrences[0].state", equalTo("completed"))
                .body(
                        "timeline.action",
                        hasItems(
                                "occurrence.fired",
                                "broadcast.delivering",
                                "occurrence.completed",
                                "broadcast.completed"));
    }

    @Test
    void aRecurringBroadcastIsDispatchingBetweenOccurrencesNotCompleted() {
        LifecycleScenario.District d = scenario.villages(1, 1, "en");
        java.time.LocalDate tomorrow =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1);
        String schedule =
                "{\"kind\":\"RECURRING\",\"zone\":\"Asia/Shanghai\",\"times\":[\"10:00\",\"16:00\"],\"from\":\"%s\",\"to\":\"%s\"}"
                        .formatted(tomorrow, tomorrow);
        long id = submitted(coldWave(d.areas(), List.of("sms"), schedule, "en"));
        approve(id);
        List<Occurrence> occ = occurrences(id);
        firer.fireDue(occ.get(0).dueAt, "completion-test");
        assertThat(status(id)).isEqualTo("dispatching");
        firer.fireDue(occ.get(1).dueAt, "completion-test");
        assertThat(status(id)).isIn("delivering", "completed");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tracker.check();
            return "completed".equals(status(id));
        });
        assertThat(occurrences(id)).extracting(x -> x.state).containsOnly(OccurrenceState.COMPLETED);
    }
}
