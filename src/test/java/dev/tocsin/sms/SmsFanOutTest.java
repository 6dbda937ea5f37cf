package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.sandbox.SandboxFaults;
import dev.tocsin.sandbox.SandboxService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmsFanOutTest {

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    SandboxFaults faults;

    SandboxFaults.Settings original;

    @AfterEach
    void restoreFaults() {
        if (original != null) {
            faults.update(original);
        }
    }

    @Test
    void fanOutWithServerErrorsRateLimitsAndTimeoutsReachesEveryResidentExactlyOnce() {
        original = faults.settings();
        faults.update(new SandboxFaults.Settings(0, 0.10, 0.05, 1, 0.03, 6000, 7, Map.of(), true, 50, 50));
        int n = 1500;
        List<Recipient> audience = SmsTestSupport.residents("+8613500", n, "zh-CN");

        SmsDispatchService.DispatchResult result = dispatcher.dispatch(
                SmsDispatchRequest.of(
                        "fanout-test-1-" + SmsTestSupport.RUN,
                        "寒潮预警:明日最低气温-3℃,路面结冰,请减少外出。",
                        Urgency.URGENT,
                        "operator"),
                audience.stream());

        assertThat(result.queued()).isEqualTo(n);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> SmsTestSupport.statesOf(result.dispatchId()), m -> m.getOrDefault("delivered", 0L) == n);

        SandboxService.Stats stats = SmsTestSupport.sandboxStats(SmsTestSupport.run("+8613500"));
        assertThat(stats.total()).as("messages the sandbox accepted").isEqualTo(n);
        assertThat(stats.distinctRecipients()).isEqualTo(n);
        assertThat(stats.duplicates()).isEmpty();

        List<String> outcomes = QuarkusTransaction.requiringNew()
                .call(() -> SmsAttempt.<SmsAttempt>list(
                                "deliveryId in (select d.id from SmsDelivery d where d.dispatchId = ?1)",
                                result.dispatchId())
                        .stream()
                        .map(a -> a.outcome)
                        .toList());
        assertThat(outcomes).contains("accepted", "uncertain", "transient", "reconciled");
        assertThat(outcomes.stream()
                        .filter(o -> o.equals("accepted") || o.equals("reconciled"))
                        .count())
                .as("one acceptance per resident")
                .isEqualTo(n);
    }

    @Test
    void dispatchingTheSameReferenceAgainAddsNothing() {
        List<Recipient> audience = SmsTestSupport.residents("+8613501", 30, "zh-CN");
        SmsDispatchRequest request = SmsDispatchRequest.of(
                "fanout-rerun-" + SmsTestSupport.RUN,
                "Fire safety in markets: keep exits clear.",
                Urgency.ROUTINE,
                "operator");

        SmsDispatchService.DispatchResult first = dispatcher.dispatch(request, audience.subList(0, 20).stream());
        SmsDispatchService.DispatchResult second = dispatcher.dispatch(request, audience.stream());

        assertThat(second.dispatchId()).isEqualTo(first.dispatchId());
        assertThat(second.alreadyQueued()).isEqualTo(20);
        assertThat(second.queued()).isEqualTo(10);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> SmsTestSupport.statesOf(first.dispatchId()), m -> m.getOrDefault("delivered", 0L) == 30);
        assertThat(SmsTestSupport.sandboxStats(SmsTestSupport.run("+8613501")).total())
                .isEqualTo(30);
    }

    @Test
    void aDispatchThatDiesMidwayIsResumedWithoutLossOrDuplicates() {
        int n = 1200;
        int diesAt = 1100;
        List<Recipient> audience = SmsTestSupport.residents("+8613502", n, "zh-CN");
        SmsDispatchRequest request = SmsDispatchRequest.of(
                "fanout-crash-" + SmsTestSupport.RUN,
                "Cold wave: shelters open at the town halls tonight.",
                Urgency.URGENT,
                "operator");
        // The audience stream fails while the third chunk is being read (as a crash would stop it):
        // the chunks already committed stay and their rows are sent meanwhile.
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        dispatcher.dispatch(request, audience.stream().peek(r -> {
                            if (read.incrementAndGet() > diesAt) {
                                throw new IllegalStateException("simulated crash while reading the audience");
                            }
                        })))
                .hasMessageContaining("simulated crash");
        long committed = SmsTestSupport.statesOf(QuarkusTransaction.requiringNew()
                        .call(() -> SmsDispatch.findByExternalRef(request.externalRef())
                                .orElseThrow()
                                .id))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(committed).as("whole chunks committed before the failure").isEqualTo(2L * SmsDispatchService.CHUNK);

        SmsDispatchService.DispatchResult resumed = dispatcher.dispatch(request, audience.stream());
        assertThat((long) resumed.alreadyQueued()).isEqualTo(committed);
        assertThat((long) resumed.queued()).isEqualTo(n - committed);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> SmsTestSupport.statesOf(resumed.dispatchId()), m -> m.getOrDefault("delivered", 0L) == n);
        SandboxService.Stats stats = SmsTestSupport.sandboxStats(SmsTestSupport.run("+8613502"));
        assertThat(stats.total()).isEqualTo(n);
        assertThat(stats.distinctRecipients()).isEqualTo(n);
        assertThat(stats.duplicates()).isEmpty();
    }
}
