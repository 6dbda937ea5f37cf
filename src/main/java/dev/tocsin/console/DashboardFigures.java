package dev.tocsin.console;

import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.loudspeaker.LoudspeakerConfig;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.sms.DeliveryState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows at the start of a shift: broadcasts going out or coming up, today's
 * SMS deliveries and loudspeaker plays by state, silent terminals and today's failures. Every
 * figure is an aggregate query; only the short lists (capped) load rows. "Today" is the
 * calendar day in the district's zone.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DashboardFigures {

    static final int LIST_LIMIT = 50;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EntityManager em;
    private final Clock clock;
    private final ZoneId zone;
    private final LoudspeakerConfig loudspeaker;

    DashboardFigures(EntityManager em, Clock clock, TocsinConfig tocsin, LoudspeakerConfig loudspeaker) {
        this.em = em;
        this.clock = clock;
        this.zone = tocsin.zone();
        this.loudspeaker = loudspeaker;
    }

    /** A broadcast being sent or approved and waiting; {@code next} is its next planned occurrence. */
    public record Active(long id, String status, String templateId, boolean urgent, String next) {}

    /** A state's count and its share of the day's total (0-100). */
    public record StateCount(String state, long count, long percent) {}

    public record OfflineTerminal(String code, String name, String lastSeen) {}

    public record OfflineArea(String code, String name, List<OfflineTerminal> terminals) {}

    /**
     * Today's occurrence with failures: SMS failed / undelivered, plays failed / missed, and a channel
     * that could not be dispatched at all ({@code channelFailure}, null when none).
     */
    public record Failure(
            long broadcastId,
            long occurrenceId,
            String dueAt,
            long smsFailed,
            long smsUndelivered,
            long playsFailed,
            long playsMissed,
            String channelFailure) {}

    public record Figures(
            String today,
            List<Active> active,
            long pendingApproval,
            List<StateCount> sms,
            long smsTotal,
            List<StateCount> plays,
            long playsTotal,
            List<OfflineArea> offline,
            long offlineTotal,
            List<Failure> failures) {}

    public Figures figures() {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<StateCount> sms = byState(
                "select d.state, count(d) from SmsDelivery d where d.createdAt >= :from "
                        + "and d.createdAt < :to group by d.state",
                from,
                to);
        List<StateCount> plays = byState(
                "select p.state, count(p) from Play p where p.createdAt >= :from "
                        + "and p.createdAt < :to group by p.state",
                from,
                to);
        Instant cut = now.minus(loudspeaker.offlineAfter());
        long offlineTotal = em.createQuery(
                        "select count(t) from Terminal t where t.enabled = true and t.revokedAt is null "
                                + "and (t.lastSeenAt is null or t.lastSeenAt < :cut)",
                        Long.class)
                .setParameter("cut", cut)
                .getSingleResult();
        long pending = em.createQuery("select count(b) from Broadcast b where b.status = :s", Long.class)
                .setParameter("s", BroadcastStatus.PENDING_APPROVAL)
                .getSingleResult();
        return new Figures(
                day.toString(),
                active(),
                pending,
                sms,
                sum(sms),
                plays,
                sum(plays),
                offline(cut),
                offlineTotal,
                failures(from, to));
    }

    private List<Active> active() {
        List<Active> out = new ArrayList<>();
        for (Object[] r : em.createQuery(
                        "select b.id, b.status, b.templateId, b.urgent, min(o.dueAt) from Broadcast b "
                                + "left join Occurrence o on o.broadcastId = b.id and o.state = :planned where b.status in :open "
                                + "group by b.id, b.status, b.templateId, b.urgent order by b.status desc, min(o.dueAt), b.id",
                        Object[].class)
                .setParameter("planned", OccurrenceState.PLANNED)
                .setParameter(
                        "open",
                        List.of(BroadcastStatus.DISPATCHING, BroadcastStatus.DELIVERING, BroadcastStatus.APPROVED))
                .setMaxResults(LIST_LIMIT)
                .getResultList()) {
            out.add(new Active(
                    (Long) r[0],
                    ((BroadcastStatus) r[1]).name().toLowerCase(),
                    (String) r[2],
                    (Boolean) r[3],
                    r[4] == null ? null : local((Instant) r[4])));
        }
        return out;
    }

    /** The most recently silent first (that is the news), grouped by area; never-seen ones last. */
    private List<OfflineArea> offline(Instant cut) {
        Map<String, OfflineArea> byArea = new java.util.TreeMap<>();
        for (Object[] r : em.createQuery(
                        "select a.code, a.name, t.code, t.name, t.lastSeenAt from Terminal t, Area a "
                                + "where a.id = t.areaId and t.enabled = true and t.revokedAt is null "
                                + "and (t.lastSeenAt is null or t.lastSeenAt < :cut) "
                                + "order by case when t.lastSeenAt is null then 1 else 0 end, t.lastSeenAt desc, t.code",
                        Object[].class)
                .setParameter("cut", cut)
                .setMaxResults(LIST_LIMIT)
                .getResultList()) {
            byArea.computeIfAbsent((String) r[0], k -> new OfflineArea(k, (String) r[1], new ArrayList<>()))
                    .terminals()
                    .add(new OfflineTerminal(
                            (String) r[2], (String) r[3], r[4] == null ? null : local((Instant) r[4])));
        }
        return List.copyOf(byArea.values());
    }

    /** Today's occurrences are few; their failures are counted with two grouped queries. */
    private List<Failure> failures(Instant from, Instant to) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Object[]> occurrences = new LinkedHashMap<>();
        for (Object[] r : em.createQuery(
                        "select o.id, o.broadcastId, o.dueAt, o.failure from Occurrence o where o.dueAt >= :from "
                                + "and o.dueAt < :to order by o.dueAt, o.id",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            occurrences.put(Occurrence.ref(((Number) r[0]).longValue()), r);
        }
        if (occurrences.isEmpty()) {
            return List.of();
        }
        List<String> refs = List.copyOf(occurrences.keySet());
        for (Object[] r : em.createQuery(
                        "select s.externalRef, d.state, count(d) from SmsDelivery d, SmsDispatch s "
                                + "where d.dispatchId = s.id and s.externalRef in :refs and d.state in :bad "
                                + "group by s.externalRef, d.state",
                        Object[].class)
                .setParameter("refs", refs)
                .setParameter("bad", List.of(DeliveryState.FAILED, DeliveryState.UNDELIVERED))
                .getResultList()) {
            counts.computeIfAbsent((String) r[0], k -> new long[4])[r[1] == DeliveryState.FAILED ? 0 : 1] +=
                    (Long) r[2];
        }
        for (Object[] r : em.createQuery(
                        "select p.occurrenceRef, p.state, count(p) from Play p "
                                + "where p.occurrenceRef in :refs and p.state in :bad group by p.occurrenceRef, p.state",
                        Object[].class)
                .setParameter("refs", refs)
                .setParameter("bad", List.of(PlayState.FAILED, PlayState.MISSED))
                .getResultList()) {
            counts.computeIfAbsent((String) r[0], k -> new long[4])[r[1] == PlayState.FAILED ? 2 : 3] += (Long) r[2];
        }
        List<Failure> out = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : occurrences.entrySet()) {
            long[] c = counts.get(e.getKey());
            Object[] o = e.getValue();
            if (c != null || o[3] != null) {
                c = c == null ? new long[4] : c;
                out.add(new Failure(
                        (Long) o[1], (Long) o[0], local((Instant) o[2]), c[0], c[1], c[2], c[3], (String) o[3]));
            }
        }
        return out;
    }

    private List<StateCount> byState(String jpql, Instant from, Instant to) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Object[] r : em.createQuery(jpql, Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            counts.put(((Enum<?>) r[0]).name().toLowerCase(), (Long) r[1]);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<StateCount> out = new ArrayList<>();
        counts.forEach((state, n) -> out.add(new StateCount(state, n, Math.round(100.0 * n / total))));
        return out;
    }

    private static long sum(List<StateCount> counts) {
        return counts.stream().mapToLong(StateCount::count).sum();
    }

    private String local(Instant at) {
        return LOCAL.format(at.atZone(zone));
    }
}
