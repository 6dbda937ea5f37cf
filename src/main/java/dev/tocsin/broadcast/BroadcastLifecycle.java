package dev.tocsin.broadcast;

import dev.tocsin.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;

/**
 * The one owner of a broadcast's status: every change is checked against
 * {@link BroadcastStatus#canBecome} and audited as {@code broadcast.<status>} with
 * "FROM -> TO: detail", whether staff asked for it or the firing and delivery tracking did.
 */
@ApplicationScoped
public class BroadcastLifecycle {

    static final String SYSTEM = "system:scheduler";

    private final EntityManager em;
    private final AuditLog audit;
    private final Clock clock;

    BroadcastLifecycle(EntityManager em, AuditLog audit, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.clock = clock;
    }

    /** Moves a loaded broadcast; false when its lifecycle does not allow the target. */
    boolean move(String actor, Broadcast b, BroadcastStatus target, String detail) {
        if (!b.status.canBecome(target)) {
            return false;
        }
        BroadcastStatus from = b.status;
        b.status = target;
        b.updatedAt = clock.instant();
        record(actor, b.id, from, target, detail);
        return true;
    }

    /**
     * Moves a broadcast for the system when it is in one of {@code from}: a compare-and-set on the
     * row, so occurrences of one broadcast firing and settling side by side never conflict (no
     * version check, no lost update) and only the one that moves it records the change.
     *
     * @return whether this call moved it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advance(long broadcastId, BroadcastStatus target, Collection<BroadcastStatus> from, String detail) {
        for (BroadcastStatus current : from) {
            if (!current.canBecome(target)) {
                continue;
            }
            int n = em.createQuery("update Broadcast b set b.status = :target, b.updatedAt = :now "
                            + "where b.id = :id and b.status = :current")
                    .setParameter("target", target)
                    .setParameter("now", clock.instant())
                    .setParameter("id", broadcastId)
                    .setParameter("current", current)
                    .executeUpdate();
            if (n > 0) {
                record(SYSTEM, broadcastId, current, target, detail);
                return true;
            }
        }
        return false;
    }

    private void record(String actor, long broadcastId, BroadcastStatus from, BroadcastStatus target, String detail) {
        audit.record(
                actor,
                "broadcast." + target.name().toLowerCase(Locale.ROOT),
                "broadcast:" + broadcastId,
                from + " -> " + target + (detail == null ? "" : ": " + detail));
    }
}
