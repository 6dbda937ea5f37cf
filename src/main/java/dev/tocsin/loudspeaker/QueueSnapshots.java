package dev.tocsin.loudspeaker;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last queue answer built for each terminal, so repeated polls (and their If-None-Match)
 * are answered from memory. A snapshot is dropped when plays of its terminal change on this
 * instance (schedule, cancel, report) or when {@link PlayChangeWatcher} sees them changed by
 * another instance, is never used past the moment one of its windows opens or closes, and lives
 * at most {@code snapshot-ttl} in case a change escaped both.
 */
@ApplicationScoped
public class QueueSnapshots {

    /** A queue answer, good until {@code validUntil} (server clock) and {@code expiresAtNanos}. */
    record Snapshot(DeviceService.Queue queue, Instant validUntil, long expiresAtNanos) {}

    private final ConcurrentMap<Long, Snapshot> snapshots = new ConcurrentHashMap<>();
    // Bumped by every invalidation: a queue read that started before it must not be kept.
    private final AtomicLong generation = new AtomicLong();
    private final LoudspeakerConfig config;

    QueueSnapshots(LoudspeakerConfig config) {
        this.config = config;
    }

    /** The terminal's queue as of {@code now}, or null when it has to be read again. */
    public DeviceService.Queue find(long terminalId, Instant now) {
        Snapshot s = snapshots.get(terminalId);
        if (s == null) {
            return null;
        }
        if (s.expiresAtNanos() - System.nanoTime() <= 0
                || !now.isBefore(s.validUntil())
                || now.isBefore(s.queue().serverTime())) {
            snapshots.remove(terminalId, s);
            return null;
        }
        DeviceService.Queue q = s.queue();
        return new DeviceService.Queue(q.terminal(), now, q.plays(), q.preempt(), q.etag());
    }

    public long generation() {
        return generation.get();
    }

    public void put(long terminalId, DeviceService.Queue queue, Instant validUntil, long generationBeforeRead) {
        if (config.snapshotTtl().isZero()) {
            return;
        }
        snapshots.put(
                terminalId,
                new Snapshot(
                        queue,
                        validUntil,
                        System.nanoTime() + config.snapshotTtl().toNanos()));
        if (generation.get() != generationBeforeRead) {
            snapshots.remove(terminalId);
        }
    }

    public void invalidate(Collection<Long> terminalIds) {
        generation.incrementAndGet();
        terminalIds.forEach(snapshots::remove);
    }

    /** Drops every snapshot. */
    void clear() {
        generation.incrementAndGet();
        snapshots.clear();
    }
}
