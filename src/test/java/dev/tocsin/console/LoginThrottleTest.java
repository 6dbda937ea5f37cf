package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-20T06:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(15));

    @Test
    void fiveFailuresBlockThatUserFromThatAddressOnly() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("Wang", "10.0.0.7");
        }
        assertThat(throttle.blocked("wang", "10.0.0.7")).isFalse();
        throttle.failed("wang", "10.0.0.7");
        assertThat(throttle.blocked("wang", "10.0.0.7"))
                .as("user names compare without case")
                .isTrue();
        assertThat(throttle.blocked("wang", "10.0.0.8")).isFalse();
        assertThat(throttle.blocked("li", "10.0.0.7")).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowStopCounting() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("wang", "10.0.0.7");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(throttle.blocked("wang", "10.0.0.7")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(throttle.blocked("wang", "10.0.0.7"))
                .as("the first failure left the window")
                .isFalse();
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("wang", "10.0.0.7");
        }
        throttle.succeeded("wang", "10.0.0.7");
        throttle.failed("wang", "10.0.0.7");
        assertThat(throttle.blocked("wang", "10.0.0.7")).isFalse();
    }
}
