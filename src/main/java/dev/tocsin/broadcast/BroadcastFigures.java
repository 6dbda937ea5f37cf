package dev.tocsin.broadcast;

import dev.tocsin.alert.Urgency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Aggregate figures of broadcasts for the dashboard. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastFigures {

    private final EntityManager em;

    BroadcastFigures(EntityManager em) {
        this.em = em;
    }

    /** A broadcast being sent, or approved and waiting; {@code next} is its next planned occurrence. */
    public record Active(long id, BroadcastStatus status, String templateId, Urgency urgency, Instant next) {}

    public long pendingApproval() {
        return Broadcast.count("status", BroadcastStatus.PENDING_APPROVAL);
    }

    /** Sending first, then approved and waiting; each by its next occurrence; at most {@code limit}. */
    public List<Active> active(int limit) {
        return em
                .createQuery(
                        "select b.id, b.status, b.templateId, b.urgency, min(o.dueAt) from Broadcast b "
                                + "left join Occurrence o on o.broadcastId = b.id and o.state = :planned where b.status in :open "
                                + "group by b.id, b.status, b.templateId, b.urgency order by b.status desc, min(o.dueAt), b.id",
                        Object[].class)
                .setParameter("planned", OccurrenceState.PLANNED)
                .setParameter(
                        "open",
                        List.of(BroadcastStatus.DISPATCHING, BroadcastStatus.DELIVERING, BroadcastStatus.APPROVED))
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(r ->
                        new Active((Long) r[0], (BroadcastStatus) r[1], (String) r[2], (Urgency) r[3], (Instant) r[4]))
                .toList();
    }

    /** An occurrence due in a window, with the channel failure it recorded (null when none). */
    public record Due(long broadcastId, long occurrenceId, String ref, Instant dueAt, String failure) {}

    /** Occurrences due in {@code [from, to)}, by due time. */
    public List<Due> due(Instant from, Instant to) {
        return em
                .createQuery(
                        "select o.id, o.broadcastId, o.dueAt, o.failure from Occurrence o where o.dueAt >= :from "
                                + "and o.dueAt < :to order by o.dueAt, o.id",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()
                .stream()
                .map(r -> {
                    long id = ((Number) r[0]).longValue();
                    return new Due((Long) r[1], id, Occurrence.ref(id), (Instant) r[2], (String) r[3]);
                })
                .toList();
    }
}
