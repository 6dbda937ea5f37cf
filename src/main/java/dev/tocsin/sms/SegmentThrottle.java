package dev.tocsin.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token bucket on message segments per second, one bucket per sender. Each instance takes
 * 1/instances of the account's budget: no shared state, no database round trip per message,
 * and exact as long as the configured instance count is right (see docs/SMS.md).
 * A 429 pauses the sender's bucket for Retry-After on every worker of this instance.
 */
@ApplicationScoped
public class SegmentThrottle {

    private final boolean enabled;
    private final double rate;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    @Inject
    SegmentThrottle(SmsConfig config) {
        this(
                config.throttle().enabled(),
                config.throttle().segmentsPerSecond()
                        / Math.max(1, config.outbox().instances()),
                System::nanoTime);
    }

    SegmentThrottle(boolean enabled, double segmentsPerSecond, LongSupplier nanoTime) {
        if (enabled && segmentsPerSecond <= 0) {
            throw new IllegalArgumentException("tocsin.sms.throttle.segments-per-second must be positive");
        }
        this.enabled = enabled;
        this.rate = segmentsPerSecond;
        this.nanoTime = nanoTime;
    }

    public double ratePerSecond() {
        return enabled ? rate : Double.POSITIVE_INFINITY;
    }

    /** Blocks until {@code segments} may be sent for {@code sender}. */
    public void acquire(String sender, int segments) throws InterruptedException {
        long wait = reserve(sender, segments);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Blocks until {@code segments} may be sent, unless that would take longer than {@code maxWait}:
     * then nothing is taken from the bucket and it returns false at once. A message that is not
     * going to be sent (its lease would run out) must not use up budget others could send with.
     */
    public boolean tryAcquire(String sender, int segments, Duration maxWait) throws InterruptedException {
        long wait = reserve(sender, segments, maxWait.isNegative() ? -1 : maxWait.toNanos());
        if (wait < 0) {
            return false;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return true;
    }

    /** Takes the segments now and returns how long the caller must wait before sending (nanos). */
    long reserve(String sender, int segments) {
        return reserve(sender, segments, Long.MAX_VALUE);
    }

    /** As {@link #reserve(String, int)}, but takes nothing and returns -1 if the wait would exceed {@code maxWait}. */
    long reserve(String sender, int segments, long maxWait) {
        if (!enabled) {
            return maxWait < 0 ? -1 : 0;
        }
        return buckets.computeIfAbsent(sender, s -> new Bucket(rate, nanoTime.getAsLong()))
                .reserve(segments, nanoTime.getAsLong(), maxWait);
    }

    /** Provider said "too many requests": nobody on this instance sends for this sender before then. */
    public void pause(String sender, Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return;
        }
        buckets.computeIfAbsent(sender, s -> new Bucket(rate, nanoTime.getAsLong()))
                .pauseUntil(nanoTime.getAsLong() + retryAfter.toNanos());
    }

    /**
     * Reservation-style bucket: tokens may go negative, the debt is the wait. Capacity is one
     * second of budget, so an idle sender may burst at most that much.
     */
    private static final class Bucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long last;
        private long pausedUntil;

        Bucket(double ratePerSecond, long now) {
            this.ratePerNano = ratePerSecond / 1e9;
            this.capacity = Math.max(1, ratePerSecond);
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long reserve(int segments, long now, long maxWait) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
                last = now;
            }
            long start = Math.max(now, pausedUntil);
            if (start > now) {
                // Tokens do not accrue while paused.
                tokens = Math.min(tokens, 0);
                last = start;
            }
            double after = tokens - segments;
            long debtWait = after >= 0 ? 0 : (long) Math.ceil(-after / ratePerNano);
            long wait = Math.max(start - now, 0) + debtWait;
            if (wait > maxWait) {
                return -1;
            }
            tokens = after;
            return wait;
        }

        synchronized void pauseUntil(long until) {
            pausedUntil = Math.max(pausedUntil, until);
        }
    }
}
