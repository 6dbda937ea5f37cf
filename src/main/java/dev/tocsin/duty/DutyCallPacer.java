package dev.tocsin.duty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spaces the calls this instance places to {@code tocsin.duty.calls-per-second}: each call takes
 * the next free slot and waits for it (a monotonic timer, not the clock of the domain). 叫应 calls and
 * residents' voice calls ({@code dev.tocsin.voice}) share it: one account, one rate.
 */
@ApplicationScoped
public class DutyCallPacer {

    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE;
    private long granted;

    DutyCallPacer(DutyConfig config) {
        this.intervalNanos = (long) (1_000_000_000L / config.callsPerSecond());
    }

    /** Waits for this call's slot. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = nextSlot == Long.MIN_VALUE || nextSlot - now < 0 ? now : nextSlot;
            nextSlot = slot + intervalNanos;
            granted++;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    /** Slots handed out so far (one per call placed). */
    synchronized long granted() {
        return granted;
    }

    public long intervalNanos() {
        return intervalNanos;
    }
}
