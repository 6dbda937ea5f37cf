package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sandbox.SandboxService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that stalled past its lease while another worker of the same instance took its rows
 * over (the two-instance scenario's duplicate under load). The scheduled workers are off; the
 * test plays the stalled worker by hand against the real store, gateway and sandbox, and moves
 * the adjustable clock instead of waiting (reconcile delay 30 s, lease 70 s in this profile).
 */
@QuarkusTest
@TestProfile(SmsCrashRecoveryTest.ManualOutbox.class)
class SmsLeaseTakeoverTest {

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

    @BeforeEach
    void warmUp() {
        // A cold server on a loaded machine can miss the first read timeout; warm the path up first.
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> gateway.send(new SmsGateway.OutboundSms(
                                SmsTestSupport.run("+8613509") + "0000", "warm-up", Urgency.URGENT, null))
                        instanceof SmsGateway.Accepted);
    }

    @AfterEach
    void resetClock() {
        adjustable.reset();
    }

    @Test
    void everyClaimHasItsOwnLeaseOwnerUnderTheInstanceId() {
        String a = worker.claimOwner(1);
        String b = worker.claimOwner(1);
        String c = worker.claimOwner(2);
        assertThat(Set.of(a, b, c)).as("one owner per claim").hasSize(3);
        assertThat(List.of(a, b, c))
                .allSatisfy(o -> assertThat(o).startsWith(worker.owner() + "/w").hasSizeLessThanOrEqualTo(64));
        assertThat(c).contains("/w2.");
    }

    @Test
    void aWorkerWhoseRowsAnotherWorkerOfTheSameInstanceTookOverIsRecordedLeaseLostAndNothingIsSentTwice() {
        String prefix = "+8613507";
        long dispatchId = dispatch(prefix, 2, "stalled-worker-" + SmsTestSupport.RUN);
        String stalled = worker.claimOwner(1);
        String takeover = worker.claimOwner(2);

        List<OutboxStore.Work> claimed = store.claim(stalled, 10);
        assertThat(claimed).hasSize(2);
        // The stalled worker's calls reach the provider; it records nothing yet.
        List<OutboxStore.Outcome> late = new ArrayList<>();
        for (OutboxStore.Work w : claimed) {
            late.add(new OutboxStore.Sent(w.id(), sendCopy(w), false, false));
        }
        expireLeases(dispatchId);
        adjustable.advance(Duration.ofSeconds(31));
        List<OutboxStore.Work> taken = store.claim(takeover, 10);
        assertThat(taken).hasSize(2).allSatisfy(w -> assertThat(w.reconcile()).isTrue());

        // The stalled worker records while the other worker of its instance holds the rows.
        store.record(stalled, late);
        for (OutboxStore.Work w : claimed) {
            assertThat(outcomes(w.id()))
                    .as("a lost lease is never recorded as accepted")
                    .containsExactly("lease-lost");
        }
        assertThat(SmsTestSupport.deliveries(dispatchId)).allSatisfy(d -> {
            assertThat(d.state).isEqualTo(DeliveryState.SENDING);
            assertThat(d.leaseOwner).isEqualTo(takeover);
            assertThat(d.twilioSid).isNull();
        });

        // The takeover looks the rows up, finds the stalled worker's copies and sends nothing.
        store.record(takeover, worker.sendClaimed(taken));
        SandboxService.Stats stats = SmsTestSupport.sandboxStats(SmsTestSupport.run(prefix));
        assertThat(stats.total()).as("messages at the provider").isEqualTo(2);
        assertThat(stats.duplicates()).isEmpty();
        List<String> lateSids =
                late.stream().map(o -> ((OutboxStore.Sent) o).sid()).toList();
        assertThat(SmsTestSupport.deliveries(dispatchId)).allSatisfy(d -> {
            assertThat(d.state).isIn(DeliveryState.SENT, DeliveryState.DELIVERED);
            assertThat(lateSids).contains(d.twilioSid);
        });
        for (OutboxStore.Work w : claimed) {
            assertThat(outcomes(w.id())).containsExactly("lease-lost", "reconciled");
        }
    }

    @Test
    void aTakeoverWhoseLookupIsOlderThanTheBoundAsksAgainAndDoesNotSendASecondCopy() {
        String prefix = "+8613504";
        long dispatchId = dispatch(prefix, 1, "stale-lookup-" + SmsTestSupport.RUN);
        List<OutboxStore.Work> claimed = store.claim(worker.claimOwner(1), 10);
        assertThat(claimed).hasSize(1);
        expireLeases(dispatchId);
        adjustable.advance(Duration.ofSeconds(31));
        String takeover = worker.claimOwner(2);
        List<OutboxStore.Work> taken = store.claim(takeover, 10);
        assertThat(taken).hasSize(1);
        OutboxStore.Work w = taken.get(0);

        OutboxWorker.Lookup miss = worker.lookUp(w);
        assertThat(miss.settled()).as("nothing at the provider yet").isNull();
        // The stalled worker's copy arrives only after the takeover looked.
        String late = sendCopy(claimed.get(0));
        // The takeover is held up past the bound before its send (throttle wait, a stall).
        adjustable.advance(worker.lookupMaxAge().plusSeconds(1));
        OutboxStore.Outcome outcome = worker.sendChecked(w, miss, worker.callTime());

        assertThat(outcome)
                .as("asked again and found the late copy")
                .isEqualTo(new OutboxStore.Sent(w.id(), late, true, false));
        store.record(takeover, List.of(outcome));
        SandboxService.Stats stats = SmsTestSupport.sandboxStats(SmsTestSupport.run(prefix));
        assertThat(stats.total()).as("messages at the provider").isEqualTo(1);
        assertThat(stats.duplicates()).isEmpty();
        assertThat(outcomes(w.id())).containsExactly("lookup-stale", "reconciled");
        assertThat(SmsTestSupport.deliveries(dispatchId).get(0).twilioSid).isEqualTo(late);
    }

    @Test
    void aTakeoverWithAFreshLookupSendsOnIt() {
        String prefix = "+8613505";
        long dispatchId = dispatch(prefix, 1, "fresh-lookup-" + SmsTestSupport.RUN);
        assertThat(store.claim(worker.claimOwner(1), 10)).hasSize(1);
        expireLeases(dispatchId);
        adjustable.advance(Duration.ofSeconds(31));
        String takeover = worker.claimOwner(2);
        OutboxStore.Work w = store.claim(takeover, 10).get(0);

        OutboxWorker.Lookup miss = worker.lookUp(w);
        assertThat(miss.settled()).isNull();
        OutboxStore.Outcome outcome = worker.sendChecked(w, miss, worker.callTime());
        assertThat(outcome).isInstanceOf(OutboxStore.Sent.class);
        assertThat(((OutboxStore.Sent) outcome).reconciled()).isFalse();
        store.record(takeover, List.of(outcome));
        assertThat(SmsTestSupport.sandboxStats(SmsTestSupport.run(prefix)).total())
                .isEqualTo(1);
        assertThat(outcomes(w.id())).containsExactly("not-at-provider", "accepted");
    }

    private long dispatch(String prefix, int residents, String key) {
        List<Recipient> audience = SmsTestSupport.residents(prefix, residents, "zh-CN");
        return dispatcher
                .dispatch(
                        SmsDispatchRequest.of(key, "防汛提示:河道水位上涨,请勿靠近堤岸。" + key, Urgency.URGENT, "operator"),
                        audience.stream())
                .dispatchId();
    }

    private String sendCopy(OutboxStore.Work w) {
        SmsGateway.SendResult r = gateway.send(new SmsGateway.OutboundSms(w.phone(), w.body(), Urgency.URGENT, null));
        assertThat(r).isInstanceOf(SmsGateway.Accepted.class);
        return ((SmsGateway.Accepted) r).sid();
    }

    private void expireLeases(long dispatchId) {
        QuarkusTransaction.requiringNew()
                .run(() -> SmsDelivery.update("leaseUntil = ?1 where dispatchId = ?2", clock.instant(), dispatchId));
    }

    private static List<String> outcomes(long deliveryId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SmsAttempt.<SmsAttempt>list("deliveryId", Sort.by("id"), deliveryId))
                .stream()
                .map(a -> a.outcome)
                .toList();
    }
}
