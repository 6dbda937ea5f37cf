package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sandbox.SandboxService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash window: an instance claimed rows, got some messages accepted by the provider, and
 * died before recording anything. The scheduled workers are off so the test drives every step.
 */
@QuarkusTest
@TestProfile(SmsCrashRecoveryTest.ManualOutbox.class)
class SmsCrashRecoveryTest {

    public static class ManualOutbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A long reconcile delay, so the test can stand inside it on the adjustable clock, and a
            // lease long enough that a takeover can stand past that delay and still send in it.
            return Map.of(
                    "tocsin.sms.outbox.enabled",
                    "false",
                    "tocsin.sms.outbox.reconcile-delay",
                    "30s",
                    "tocsin.sms.outbox.lease",
                    "70s");
        }
    }

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    OutboxStore store;

    @Inject
    OutboxWorker worker;

    @Inject
    SmsGateway gateway;

    @Inject
    Clock clock;

    @Inject
    AdjustableClock adjustable;

    @AfterEach
    void resetClock() {
        adjustable.reset();
    }

    @Test
    void rowsLeftInFlightByACrashedInstanceAreReconciledNotResent() {
        // A cold server on a loaded machine can miss the first read timeout; warm the path up first.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofMinutes(1))
                .until(() -> gateway.send(new SmsGateway.OutboundSms(
                                SmsTestSupport.run("+8613508") + "0000", "warm-up", Urgency.URGENT, null))
                        instanceof SmsGateway.Accepted);
        List<Recipient> audience = SmsTestSupport.residents("+8613502", 4, "zh-CN");
        SmsDispatchService.DispatchResult dispatch = dispatcher.dispatch(
                SmsDispatchRequest.of(
                        "crash-window-" + SmsTestSupport.RUN, "一氧化碳中毒预防:烤火记得开门窗。", Urgency.URGENT, "operator"),
                audience.stream());

        List<OutboxStore.Work> claimed = store.claim("crashed-instance", 10);
        assertThat(claimed).hasSize(4);
        // The crashed instance handed two messages to the provider, then died before recording.
        for (OutboxStore.Work w : claimed.subList(0, 2)) {
            assertThat(gateway.send(new SmsGateway.OutboundSms(w.phone(), w.body(), Urgency.URGENT, null)))
                    .isInstanceOf(SmsGateway.Accepted.class);
        }
        assertThat(store.claim("other-instance", 10)).as("leases still held").isEmpty();

        QuarkusTransaction.requiringNew()
                .run(() -> SmsDelivery.update(
                        "leaseUntil = ?1 where dispatchId = ?2", clock.instant(), dispatch.dispatchId()));
        // A send its owner started just inside the lease may still be on its way to the provider:
        // nobody takes the rows over until the lease has been expired for the reconcile delay.
        adjustable.advance(Duration.ofSeconds(10));
        assertThat(store.claim("other-instance", 10))
                .as("lease expired 10 s ago, reconcile delay 30 s")
                .isEmpty();
        adjustable.advance(Duration.ofSeconds(25));
        worker.drainNow();

        SandboxService.Stats stats = SmsTestSupport.sandboxStats(SmsTestSupport.run("+8613502"));
        assertThat(stats.total()).as("messages at the provider").isEqualTo(4);
        assertThat(stats.duplicates()).isEmpty();
        List<SmsDelivery> rows = SmsTestSupport.deliveries(dispatch.dispatchId());
        assertThat(rows).allSatisfy(d -> {
            assertThat(d.state).isIn(DeliveryState.SENT, DeliveryState.DELIVERED);
            assertThat(d.twilioSid).startsWith("SM");
        });
        long sentBeforeCrash =
                claimed.subList(0, 2).stream().map(OutboxStore.Work::id).count();
        for (OutboxStore.Work w : claimed) {
            List<String> outcomes =
                    SmsTestSupport.attempts(w.id()).stream().map(a -> a.outcome).toList();
            if (claimed.indexOf(w) < sentBeforeCrash) {
                assertThat(outcomes).containsExactly("reconciled");
            } else {
                assertThat(outcomes).containsExactly("not-at-provider", "accepted");
            }
        }
    }
}
