package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CN carrier rule: at most 2 identical texts per number in 24 h. A third is HELD, never
 * sent, also when the earlier ones are still in flight or queued in the same batch. The
 * scheduled workers are off, so the test decides what is claimed when.
 */
@QuarkusTest
@TestProfile(SmsCrashRecoveryTest.ManualOutbox.class)
class CarrierCapTest {

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    OutboxStore store;

    @Inject
    OutboxWorker worker;

    @Test
    void aThirdIdenticalTextIsHeldWhileTheFirstIsStillInFlight() {
        Recipient resident = SmsTestSupport.residents("+8613503", 1, "zh-CN").get(0);
        String text = "寒潮预警(演练):明日最低气温-5℃,请注意防寒。" + SmsTestSupport.RUN;
        long first = dispatch("cap-1-", text, resident);
        List<OutboxStore.Work> inFlight = store.claim("cap-instance", 10);
        assertThat(inFlight).extracting(OutboxStore.Work::phone).containsExactly(resident.phone());

        long second = dispatch("cap-2-", text, resident);
        long third = dispatch("cap-3-", text, resident);
        worker.drainNow();

        assertThat(SmsTestSupport.deliveries(second).get(0).state)
                .as("second text: one in flight before it")
                .isIn(DeliveryState.SENT, DeliveryState.DELIVERED);
        SmsDelivery held = SmsTestSupport.deliveries(third).get(0);
        assertThat(held.state).as("third identical text within 24 h").isEqualTo(DeliveryState.HELD);
        assertThat(held.reason).contains("allows 2");
        assertThat(SmsTestSupport.statesOf(first))
                .as("the first is still leased by the other instance")
                .containsOnlyKeys("sending");
        assertThat(SmsTestSupport.sandboxStats(resident.phone()).total())
                .as("only the second reached the provider")
                .isEqualTo(1);
    }

    private long dispatch(String ref, String text, Recipient resident) {
        return dispatcher
                .dispatch(
                        SmsDispatchRequest.of(
                                ref + SmsTestSupport.RUN + "-" + System.nanoTime(), text, Urgency.URGENT, "operator"),
                        Stream.of(resident))
                .dispatchId();
    }
}
