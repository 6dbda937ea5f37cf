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

    public enum Result {
        APPLIED,
        UNCHANGED,
        DUPLICATE,
        ORPHAN
    }

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

    /**
     * Receipts already stored for any of {@code sids}, by SID: one query for a whole batch. Read
     * before the batch's rows are changed, so the query does not make Hibernate flush-check them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<String, List<StatusEvent>> pendingFor(java.util.Collection<String> sids) {
        if (sids.isEmpty()) {
            return Map.of();
        }
        // Plain SQL on the session's connection: the HQL IN list was re-planned for every batch size.
        String in = String.join(",", java.util.Collections.nCopies(sids.size(), "?"));
        return StatusEvent.getEntityManager()
                .unwrap(org.hibernate.Session.class)
                .doReturningWork(c -> {
                    Map<String, List<StatusEvent>> bySid = new java.util.HashMap<>();
                    try (java.sql.PreparedStatement ps = c.prepareStatement(
                            "SELECT twilio_sid, status, error_code FROM sms_status_event WHERE twilio_sid IN (" + in
                                    + ")")) {
                        int i = 1;
                        for (String sid : sids) {
                            ps.setString(i++, sid);
                        }
                        try (java.sql.ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                StatusEvent e = new StatusEvent();
                                e.key = new StatusEvent.Key(rs.getString(1), rs.getString(2));
                                int code = rs.getInt(3);
                                e.errorCode = rs.wasNull() ? null : code;
                                bySid.computeIfAbsent(e.key.sid(), k -> new java.util.ArrayList<>())
                                        .add(e);
                            }
                        }
                    }
                    return bySid;
                });
    }

    /** Applies receipts that arrived before the SID was recorded on {@code d} (read with {@link #pendingFor}). */
    @Transactional(Transactional.TxType.MANDATORY)
    void applyPending(SmsDelivery d, List<StatusEvent> events) {
        for (StatusEvent e : events) {
            advance(d, e.key.status(), e.errorCode);
        }
    }

    /** Sweeps rows still SENT although a final receipt is stored (it raced the worker's write). */
    public int sweep() {
        List<Object[]> pairs = getEntityManager()
                .createQuery(
                        "select d, e from SmsDelivery d, StatusEvent e"
                                + " where e.key.sid = d.twilioSid and d.state = :sent and e.key.status in :finals",
                        Object[].class)
                .setParameter("sent", DeliveryState.SENT)
                .setParameter("finals", FINAL.keySet())
                .setMaxResults(1000)
                .getResultList();
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
