package dev.tocsin.loudspeaker;

import dev.tocsin.platform.db.SchemaMigrator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Queue polls count as signs of life, but writing {@code last_seen_at} on every poll would cost
 * a write per request. Polls are noted here and written in a few statements every
 * {@code last-seen-flush}; readers of health on this instance flush first. A crash loses at most
 * that interval of sightings, far below {@code offline-after}.
 */
@ApplicationScoped
public class LastSeen {

    private final ConcurrentMap<Long, Instant> pending = new ConcurrentHashMap<>();
    private final EntityManager em;
    private final SchemaMigrator schema;

    LastSeen(EntityManager em, SchemaMigrator schema) {
        this.em = em;
        this.schema = schema;
    }

    public void touch(long terminalId, Instant at) {
        pending.merge(terminalId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(
            every = "${tocsin.loudspeaker.last-seen-flush:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (schema.isReady() && !pending.isEmpty()) {
            flush();
        }
    }

    /**
     * Writes the noted sightings: one UPDATE per second of sighting time (truncated, so never
     * later than the truth), never moving a terminal's last-seen backwards. Holds a lock through
     * the commit, so a reader that flushes first also waits for a flush already under way.
     */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Instant, List<Long>> bySecond = new TreeMap<>();
        for (Map.Entry<Long, Instant> e : List.copyOf(pending.entrySet())) {
            if (pending.remove(e.getKey(), e.getValue())) {
                bySecond.computeIfAbsent(e.getValue().truncatedTo(ChronoUnit.SECONDS), s -> new ArrayList<>())
                        .add(e.getKey());
            }
        }
        QuarkusTransaction.requiringNew()
                .run(() -> bySecond.forEach((at, ids) -> {
                    for (int i = 0; i < ids.size(); i += 500) {
                        em.createQuery("update Terminal t set t.lastSeenAt = :at where t.id in :ids "
                                        + "and (t.lastSeenAt is null or t.lastSeenAt < :at)")
                                .setParameter("at", at)
                                .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                                .executeUpdate();
                    }
                }));
    }
}
