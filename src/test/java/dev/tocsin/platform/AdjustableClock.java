package dev.tocsin.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test clock: the system clock plus an offset a test may move forward (e.g. to let a terminal
 * fall silent for minutes) and must reset afterwards. Replaces ClockProducer in tests.
 */
@ApplicationScoped
public class AdjustableClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    Clock clock() {
        return new Shifted(ZoneOffset.UTC);
    }

    /** Keeps the zone it is asked for: a date "today in Shanghai" must not be today's UTC date. */
    private final class Shifted extends Clock {

        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Shifted(zone);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
