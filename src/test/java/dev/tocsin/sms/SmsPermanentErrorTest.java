package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Consent;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Recipient;
import dev.tocsin.audience.Resident;
import dev.tocsin.sandbox.SandboxFaults;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmsPermanentErrorTest {

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    SandboxFaults faults;

    @Inject
    OptOutService optOut;

    SandboxFaults.Settings original;

    @AfterEach
    void restore() {
        if (original != null) {
            faults.update(original);
        }
    }

    @Test
    void unsubscribedAtTheCarrierFailsOnceAndOptsTheResidentOut() {
        original = faults.settings();
        List<Recipient> audience = SmsTestSupport.residents("+8613503", 3, "zh-CN");
        String unsubscribed = audience.get(0).phone();
        String invalid = audience.get(1).phone();
        SandboxFaults.Settings s = faults.settings();
        faults.update(new SandboxFaults.Settings(
                s.latencyMs(),
                0,
                0,
                1,
                0,
                s.timeoutHoldMs(),
                s.seed(),
                Map.of(unsubscribed, 21610, invalid, 21211),
                true,
                s.sentDelayMs(),
                s.deliveredDelayMs()));

        long id = dispatcher
                .dispatch(
                        SmsDispatchRequest.of(
                                null, "Fireworks: no sales in the market zone.", Urgency.URGENT, "operator"),
                        audience.stream())
                .dispatchId();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> SmsTestSupport.statesOf(id),
                        m -> m.getOrDefault("failed", 0L) == 2 && m.getOrDefault("delivered", 0L) == 1);

        for (SmsDelivery d : SmsTestSupport.deliveries(id)) {
            if (d.phone.equals(unsubscribed)) {
                assertThat(d.errorCode).isEqualTo(21610);
                assertThat(d.attempts).as("never retried").isEqualTo(1);
                assertThat(d.reason).contains("unsubscribed");
            } else if (d.phone.equals(invalid)) {
                assertThat(d.errorCode).isEqualTo(21211);
                assertThat(d.attempts).isEqualTo(1);
                assertThat(d.reason).contains("invalid");
            }
        }
        assertThat(optOut.isSuppressed(unsubscribed)).isTrue();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Resident.findByPhone(unsubscribed).orElseThrow().consent))
                .isEqualTo(Consent.OPTED_OUT);
        assertThat(SmsTestSupport.sandboxStats(SmsTestSupport.run("+8613503")).total())
                .as("only the good number got a message")
                .isEqualTo(1);

        SmsDispatchService.DispatchResult routine = dispatcher.dispatch(
                SmsDispatchRequest.of(null, "Routine: heating season safety tips.", Urgency.ROUTINE, "operator"),
                audience.stream());
        assertThat(routine.suppressed())
                .as("opted-out resident gets no routine notice")
                .isEqualTo(1);
        assertThat(routine.queued()).isEqualTo(2);
    }
}
