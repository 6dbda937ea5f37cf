package dev.tocsin.loudspeaker;

import dev.tocsin.platform.db.SchemaMigrator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices plays changed by any instance (every change sets {@code play.updated_at}) with one
 * indexed query per {@code recheck-interval}, and drops those terminals' snapshots and wakes
 * their waiting polls. This is what lets queue snapshots live long: another instance's change
 * reaches this instance's terminals within one interval, without every poll reading the database.
 */
@ApplicationScoped
public class PlayChangeWatcher {

    // Look back this far behind the last check: covers a long transaction committing after its
    // updated_at was taken, and clocks of instances a little apart.
    static final Duration MARGIN = Duration.ofMinutes(2);

    private final Clock clock;
    private final EntityManager em;
    private final QueueWaiters waiters;
    private final SchemaMigrator schema;
    private final Map<Long, Instant> lastChange = new ConcurrentHashMap<>();
    private volatile Instant since;

    PlayChangeWatcher(Clock clock, EntityManager em, QueueWaiters waiters, SchemaMigrator schema) {
        this.clock = clock;
        this.em = em;
        this.waiters = waiters;
        this.schema = schema;
    }

    @Scheduled(
            every = "${tocsin.loudspeaker.recheck-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (schema.isReady()) {
            check();
        }
    }

    /** Returns the terminals whose plays changed since the previous check (woken). */
    public synchronized Set<Long> check() {
        Instant now = clock.instant();
        Instant from = (since == null || since.isAfter(now) ? now : since).minus(MARGIN);
        List<Object[]> rows = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select p.terminalId, max(p.updatedAt) from Play p where p.updatedAt > :from group by p.terminalId",
                                Object[].class)
                        .setParameter("from", from)
                        .getResultList());
        Set<Long> changed = new HashSet<>();
        for (Object[] row : rows) {
            Long id = (Long) row[0];
            Instant at = (Instant) row[1];
            Instant before = lastChange.put(id, at);
            if (before == null || at.isAfter(before)) {
                changed.add(id);
            }
        }
        lastChange.values().removeIf(at -> !at.isAfter(from));
        since = now;
        if (!changed.isEmpty()) {
            waiters.changed(changed);
        }
        return changed;
    }
}
