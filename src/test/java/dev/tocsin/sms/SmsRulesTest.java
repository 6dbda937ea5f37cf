package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure rules: the throttle's arithmetic (quiet hours: ScheduleExpansionTest). Segments are counted by compose.sms.SmsCounter. */
class SmsRulesTest {

    @Test
    void throttleLetsOneSecondOfBudgetThroughThenSpacesSegmentsAtTheRate() {
        long[] now = {0};
        SegmentThrottle throttle = new SegmentThrottle(true, 10, () -> now[0]);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            waits.add(throttle.reserve("MG1", 1));
        }
        assertThat(waits.subList(0, 10)).containsOnly(0L);
        assertThat(waits.subList(10, 15)).isSorted().doesNotHaveDuplicates();
        assertThat(waits.get(14)).isEqualTo(500_000_000L);
        // Three-segment messages cost three tokens; other senders have their own bucket.
        assertThat(throttle.reserve("MG1", 3)).isEqualTo(800_000_000L);
        assertThat(throttle.reserve("+15005550006", 1)).isZero();
    }

    @Test
    void aReservationThatWouldWaitTooLongTakesNothingFromTheBucket() {
        long[] now = {0};
        SegmentThrottle throttle = new SegmentThrottle(true, 10, () -> now[0]);
        assertThat(throttle.reserve("MG1", 10)).isZero();
        // The next 2 segments need 200 ms; with only 100 ms to spare nothing is taken...
        assertThat(throttle.reserve("MG1", 2, 100_000_000L)).isEqualTo(-1);
        // ...so the following reservation waits exactly as if the refused one had never been asked.
        assertThat(throttle.reserve("MG1", 2, 200_000_000L)).isEqualTo(200_000_000L);
        now[0] = 200_000_000L;
        assertThat(throttle.reserve("MG1", 1)).isEqualTo(100_000_000L);
    }

    @Test
    void aRetryAfterPausesTheSenderAndDisabledThrottleNeverWaits() {
        long[] now = {0};
        SegmentThrottle throttle = new SegmentThrottle(true, 100, () -> now[0]);
        throttle.pause("MG1", java.time.Duration.ofSeconds(2));
        assertThat(throttle.reserve("MG1", 1)).isGreaterThanOrEqualTo(2_000_000_000L);
        assertThat(new SegmentThrottle(false, 1, () -> 0).reserve("MG1", 1000)).isZero();
    }

    @Test
    void claimSizeShrinksSoThrottledBatchesFitInTheLease() {
        assertThat(OutboxStore.claimSize(50, Double.POSITIVE_INFINITY, java.time.Duration.ofMinutes(2), 8))
                .isEqualTo(50);
        assertThat(OutboxStore.claimSize(50, 1, java.time.Duration.ofMinutes(2), 8))
                .isEqualTo(7);
        assertThat(OutboxStore.claimSize(50, 0.01, java.time.Duration.ofMinutes(2), 8))
                .isEqualTo(1);
    }
}
