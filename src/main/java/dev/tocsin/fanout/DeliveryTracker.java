package dev.tocsin.fanout;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.BroadcastConfig;
import dev.tocsin.broadcast.BroadcastLifecycle;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sms.SmsReports;
import dev.tocsin.voice.ResidentCalls;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Says "completed" only when it is. A FIRED occurrence becomes COMPLETED once every SMS is final,
 * every resident's voice call ended (retries included) and every play ended or was missed (FAILED instead when a channel could not be dispatched), and
 * a broadcast with nothing left to fire becomes DELIVERING, then COMPLETED or FAILED once all its
 * occurrences are final. Every move is a conditional update on the state read, so instances that
 * check at the same time make it once; a check that finds work outstanding changes nothing.
 */
@ApplicationScoped
public class DeliveryTracker {

    private static final Logger LOG = Logger.getLogger(DeliveryTracker.class);
    private static final String SYSTEM = "system:scheduler";
    private static final int BATCH = 500;

    private final SmsReports sms;
    private final PlayService plays;
    private final ResidentCalls calls;
    private final AuditLog audit;
    private final SchemaMigrator migrator;
    private final BroadcastConfig config;
    private final EntityManager em;
    private final Clock clock;
    private final BroadcastLifecycle lifecycle;

    DeliveryTracker(
            SmsReports sms,
            PlayService plays,
            ResidentCalls calls,
            AuditLog audit,
            SchemaMigrator migrator,
            BroadcastConfig config,
            EntityManager em,
            Clock clock,
            BroadcastLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.calls = calls;
        this.sms = sms;
        this.plays = plays;
        this.audit = audit;
        this.migrator = migrator;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(
            every = "${tocsin.broadcast.delivery-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "broadcast-delivery-check")
    void scheduled() {
        if (migrator.isReady()) {
            check();
        }
    }

    /** Settles every fired occurrence whose work is all final; returns how many it settled. */
    public int check() {
        Instant now = clock.instant();
        List<Long> fired = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select o.id from Occurrence o where o.state = :fired order by o.id", Long.class)
                        .setParameter("fired", OccurrenceState.FIRED)
                        .setMaxResults(BATCH)
                        .getResultList());
        int settled = 0;
        for (Long id : fired) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> settleOccurrence(id, now))) {
                    settled++;
                }
            } catch (RuntimeException e) {
                // One occurrence must not stop the others; it is looked at again next round.
                LOG.warnf(e, "Delivery check of occurrence %d failed: %s", id, e.getMessage());
            }
        }
        return settled;
    }

    private boolean settleOccurrence(long id, Instant now) {
        Occurrence o = Occurrence.findById(id);
        if (o == null || o.state != OccurrenceState.FIRED) {
            return false;
        }
        if (sms.outstanding(o.ref(), now.minus(config.receiptWait())) > 0
                || plays.outstanding(o.ref()) > 0
                || calls.outstanding(o.id) > 0) {
            return false;
        }
        OccurrenceState target = o.failure == null ? OccurrenceState.COMPLETED : OccurrenceState.FAILED;
        int n = em.createQuery("update Occurrence o set o.state = :target where o.id = :id and o.state = :fired")
                .setParameter("target", target)
                .setParameter("id", id)
                .setParameter("fired", OccurrenceState.FIRED)
                .executeUpdate();
        if (n == 0) {
            return false;
        }
        audit.record(
                SYSTEM,
                "occurrence." + target.name().toLowerCase(Locale.ROOT),
                "broadcast:" + o.broadcastId,
                "occurrence " + id + ": every SMS is final, every voice call ended and every play ended or was missed"
                        + (o.failure == null ? "" : "; failed: " + o.failure));
        settle(o.broadcastId);
        return true;
    }

    /** Moves the broadcast on as far as its occurrences allow, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(long broadcastId) {
        Map<OccurrenceState, Long> counts = new EnumMap<>(OccurrenceState.class);
        for (Object[] r : em.createQuery(
                        "select o.state, count(o) from Occurrence o where o.broadcastId = :id " + "group by o.state",
                        Object[].class)
                .setParameter("id", broadcastId)
                .getResultList()) {
            counts.put((OccurrenceState) r[0], (Long) r[1]);
        }
        long toFire =
                counts.getOrDefault(OccurrenceState.PLANNED, 0L) + counts.getOrDefault(OccurrenceState.FIRING, 0L);
        if (toFire > 0) {
            return;
        }
        if (counts.getOrDefault(OccurrenceState.FIRED, 0L) > 0) {
            lifecycle.advance(
                    broadcastId,
                    BroadcastStatus.DELIVERING,
                    List.of(BroadcastStatus.APPROVED, BroadcastStatus.DISPATCHING),
                    "every occurrence fired; deliveries outstanding");
            return;
        }
        boolean failed = counts.getOrDefault(OccurrenceState.FAILED, 0L) > 0;
        lifecycle.advance(
                broadcastId,
                failed ? BroadcastStatus.FAILED : BroadcastStatus.COMPLETED,
                BroadcastStatus.LIVE,
                failed
                        ? "every occurrence is final; a channel failed (see the occurrences)"
                        : "every occurrence is final, every SMS final and every play ended");
    }
}
