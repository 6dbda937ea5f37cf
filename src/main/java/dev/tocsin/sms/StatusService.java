package dev.tocsin.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies delivery receipts. Each (SID, status) is kept once, so repeats are no-ops; a status
 * only moves a row forward in the lifecycle (a late "sent" never overwrites "delivered"); a
 * receipt for a SID we have not recorded yet is kept and applied when the SID appears.
 */
@ApplicationScoped
@Transactional
public class StatusService {

    private static final Map<String, DeliveryState> FINAL = Map.of(
            "delivered", DeliveryState.DELIVERED,
            "read", DeliveryState.DELIVERED,
            "undelivered", DeliveryState.UNDELIVERED,
            "failed", DeliveryState.FAILED);

    private final Clock clock;

    StatusService(Clock clock) {
        this.clock = clock;
    }

    public enum Result { APPLIED, UNCHANGED, DUPLICATE, ORPHAN }

    public Result onCallback(String sid, String status, Integer errorCode) {
        String s = status.toLowerCase();
        StatusEvent.Key key = new StatusEvent.Key(sid, s);
        if (StatusEvent.findById(key) != null) {
            return Result.DUPLICATE;
        }
        StatusEvent e = new StatusEvent();
        e.key = key;
        e.errorCode = errorCode;
        e.receivedAt = clock.instant();
        e.persist();
        Optional<SmsDelivery> d = SmsDelivery.findBySid(sid);
        if (d.isEmpty()) {
            return Result.ORPHAN;
        }
        return advance(d.get(), s, errorCode) ? Result.APPLIED : Result.UNCHANGED;
    }

    /** Applies receipts that arrived before the SID was recorded on {@code d}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void applyPending(SmsDelivery d) {
        for (StatusEvent e : StatusEvent.forSid(d.twilioSid)) {
            advance(d, e.key.status(), e.errorCode);
        }
    }

    /** Sweeps rows still SENT although a final receipt is stored (it raced the worker's write). */
    public int sweep() {
        List<Object[]> pairs = getEntityManager().createQuery("select d, e from SmsDelivery d, StatusEvent e"
                + " where e.key.sid = d.twilioSid and d.state = :sent and e.key.status in :finals", Object[].class)
                .setParameter("sent", DeliveryState.SENT).setParameter("finals", FINAL.keySet())
                .setMaxResults(1000).getResultList();
        int n = 0;
        for (Object[] p : pairs) {
            StatusEvent e = (StatusEvent) p[1];
            if (advance((SmsDelivery) p[0], e.key.status(), e.errorCode)) {
                n++;
            }
        }
        return n;
    }

    private static jakarta.persistence.EntityManager getEntityManager() {
        return SmsDelivery.getEntityManager();
    }

    private boolean advance(SmsDelivery d, String status, Integer errorCode) {
        DeliveryState target = FINAL.get(status);
        if (target == null || d.state != DeliveryState.SENT) {
            return false;
        }
        Instant now = clock.instant();
        d.moveTo(target, now);
        if (target != DeliveryState.DELIVERED) {
            d.errorCode = errorCode;
            d.reason = "carrier reported " + status + (errorCode == null ? "" : " (error " + errorCode + ")");
        }
        return true;
    }
}
