package dev.tocsin.sms;

import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What staff see of SMS delivery: per-dispatch counts and reasons, and the rows themselves. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SmsReports {

    private final EntityManager em;

    SmsReports(EntityManager em) {
        this.em = em;
    }

    public record DispatchReport(
            long id,
            String externalRef,
            String priority,
            String sender,
            Instant createdAt,
            String createdBy,
            Instant validUntil,
            long total,
            Map<String, Long> byState,
            List<ReasonCount> failureReasons) {}

    public record ReasonCount(String state, Integer errorCode, String reason, long count) {}

    public record DeliveryView(
            long id,
            long dispatchId,
            long residentId,
            String phone,
            String state,
            int attempts,
            int segments,
            String twilioSid,
            Integer errorCode,
            String reason,
            Instant nextAttemptAt,
            Instant sentAt,
            Instant finalAt) {}

    public record PageOf<T>(int page, int size, long total, List<T> items) {}

    public DispatchReport dispatch(long id) {
        SmsDispatch d = SmsDispatch.findById(id);
        if (d == null) {
            throw ProblemException.notFound("no SMS dispatch " + id);
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        for (DeliveryState s : DeliveryState.values()) {
            byState.put(s.id(), 0L);
        }
        long total = 0;
        for (Object[] row : em.createQuery(
                        "select d.state, count(d) from SmsDelivery d where d.dispatchId = :id group by d.state",
                        Object[].class)
                .setParameter("id", id)
                .getResultList()) {
            long n = (Long) row[1];
            byState.put(((DeliveryState) row[0]).id(), n);
            total += n;
        }
        List<ReasonCount> reasons = em
                .createQuery(
                        "select d.state, d.errorCode, d.reason, count(d) from SmsDelivery d"
                                + " where d.dispatchId = :id and d.state in :bad group by d.state, d.errorCode, d.reason order by count(d) desc",
                        Object[].class)
                .setParameter("id", id)
                .setParameter(
                        "bad",
                        List.of(
                                DeliveryState.FAILED,
                                DeliveryState.UNDELIVERED,
                                DeliveryState.HELD,
                                DeliveryState.SUPPRESSED))
                .setMaxResults(50)
                .getResultList()
                .stream()
                .map(r -> new ReasonCount(((DeliveryState) r[0]).id(), (Integer) r[1], (String) r[2], (Long) r[3]))
                .toList();
        return new DispatchReport(
                d.id,
                d.externalRef,
                d.priority.name().toLowerCase(),
                d.sender,
                d.createdAt,
                d.createdBy,
                d.validUntil,
                total,
                byState,
                reasons);
    }

    /**
     * Deliveries of the dispatch with this reference that are not settled yet: queued, being sent,
     * or accepted by the provider after {@code receiptsSince} and still waiting for a receipt (one
     * accepted earlier is taken as settled: some providers never send one). 0 for an unknown reference.
     */
    public long outstanding(String externalRef, Instant receiptsSince) {
        return em.createQuery(
                        "select count(d) from SmsDelivery d, SmsDispatch s where s.externalRef = :ref"
                                + " and d.dispatchId = s.id and (d.state in :open or (d.state = :sent and d.sentAt > :since))",
                        Long.class)
                .setParameter("ref", externalRef)
                .setParameter("open", List.of(DeliveryState.QUEUED, DeliveryState.SENDING))
                .setParameter("sent", DeliveryState.SENT)
                .setParameter("since", receiptsSince)
                .getSingleResult();
    }

    /** Deliveries created in {@code [from, to)} by state (lower case), e.g. for a day's figures. */
    public Map<String, Long> byStateCreated(Instant from, Instant to) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Object[] r : em.createQuery(
                        "select d.state, count(d) from SmsDelivery d where d.createdAt >= :from and d.createdAt < :to"
                                + " group by d.state",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            out.put(((DeliveryState) r[0]).id(), (Long) r[1]);
        }
        return out;
    }

    /** Failed and undelivered SMS of one dispatch reference. */
    public record Failures(long failed, long undelivered) {}

    /** Failures of the dispatches with these references; a reference without any is left out. */
    public Map<String, Failures> failuresByRef(List<String> refs) {
        Map<String, Failures> out = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery(
                        "select s.externalRef, d.state, count(d) from SmsDelivery d, SmsDispatch s "
                                + "where d.dispatchId = s.id and s.externalRef in :refs and d.state in :bad "
                                + "group by s.externalRef, d.state",
                        Object[].class)
                .setParameter("refs", refs)
                .setParameter("bad", List.of(DeliveryState.FAILED, DeliveryState.UNDELIVERED))
                .getResultList()) {
            long n = (Long) r[2];
            out.merge(
                    (String) r[0],
                    r[1] == DeliveryState.FAILED ? new Failures(n, 0) : new Failures(0, n),
                    (a, b) -> new Failures(a.failed() + b.failed(), a.undelivered() + b.undelivered()));
        }
        return out;
    }

    public PageOf<DeliveryView> deliveries(Long dispatchId, DeliveryState state, int page, int size) {
        return deliveries(dispatchId, null, state, page, size);
    }

    /**
     * @param externalRefs only deliveries of dispatches with one of these references (an
     *        occurrence, the occurrences of a broadcast); null for any
     */
    public PageOf<DeliveryView> deliveries(
            Long dispatchId, List<String> externalRefs, DeliveryState state, int page, int size) {
        if (externalRefs != null && externalRefs.isEmpty()) {
            return new PageOf<>(page, size, 0, List.of());
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (dispatchId != null) {
            q.append(" and dispatchId = :dispatch");
            params.put("dispatch", dispatchId);
        }
        if (externalRefs != null) {
            q.append(" and dispatchId in (select x.id from SmsDispatch x where x.externalRef in :refs)");
            params.put("refs", externalRefs);
        }
        if (state != null) {
            q.append(" and state = :state");
            params.put("state", state);
        }
        PanacheQuery<SmsDelivery> query = SmsDelivery.find(q.toString(), Sort.by("id"), params);
        List<DeliveryView> items = query.page(Page.of(page, size)).list().stream()
                .map(d -> new DeliveryView(
                        d.id,
                        d.dispatchId,
                        d.residentId,
                        d.phone,
                        d.state.id(),
                        d.attempts,
                        d.segments,
                        d.twilioSid,
                        d.errorCode,
                        d.reason,
                        d.nextAttemptAt,
                        d.sentAt,
                        d.finalAt))
                .toList();
        return new PageOf<>(page, size, query.count(), items);
    }
}
