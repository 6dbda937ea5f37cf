package dev.tocsin.fanout;

import dev.tocsin.audience.Area;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastFigures;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.loudspeaker.LoudspeakerFigures;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDispatch;
import dev.tocsin.sms.SmsReports;
import dev.tocsin.voice.ResidentCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each occurrence of a broadcast delivered: SMS and plays by state, failures, and per area. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DeliveryReports {

    private final BroadcastService broadcasts;
    private final SmsReports sms;
    private final PlayService plays;
    private final ResidentCalls calls;
    private final AreaBreakdown areas;
    private final BroadcastFigures figures;
    private final LoudspeakerFigures speakers;
    private final EntityManager em;

    DeliveryReports(
            BroadcastService broadcasts,
            SmsReports sms,
            PlayService plays,
            ResidentCalls calls,
            AreaBreakdown areas,
            BroadcastFigures figures,
            LoudspeakerFigures speakers,
            EntityManager em) {
        this.broadcasts = broadcasts;
        this.sms = sms;
        this.plays = plays;
        this.calls = calls;
        this.areas = areas;
        this.figures = figures;
        this.speakers = speakers;
        this.em = em;
    }

    /**
     * An occurrence due in a window that failed somewhere: SMS failed / undelivered, plays failed /
     * missed, residents who prefer a call and whom no call reached, and a channel that could not be
     * dispatched at all ({@code channelFailure}, null when none).
     */
    public record Failure(
            long broadcastId,
            long occurrenceId,
            Instant dueAt,
            long smsFailed,
            long smsUndelivered,
            long playsFailed,
            long playsMissed,
            long callsUnreached,
            String channelFailure) {}

    /** Occurrences due in {@code [from, to)} with any failure, by due time. */
    public List<Failure> failures(Instant from, Instant to) {
        List<BroadcastFigures.Due> due = figures.due(from, to);
        List<String> refs = due.stream().map(BroadcastFigures.Due::ref).toList();
        Map<String, SmsReports.Failures> smsFailures = sms.failuresByRef(refs);
        Map<String, LoudspeakerFigures.PlayFailures> playFailures = speakers.failuresByRef(refs);
        Map<Long, Long> unreached = calls.unreachedByOccurrence(
                due.stream().map(BroadcastFigures.Due::occurrenceId).toList());
        List<Failure> out = new ArrayList<>();
        for (BroadcastFigures.Due o : due) {
            SmsReports.Failures s = smsFailures.get(o.ref());
            LoudspeakerFigures.PlayFailures p = playFailures.get(o.ref());
            long callsUnreached = unreached.getOrDefault(o.occurrenceId(), 0L);
            if (s != null || p != null || callsUnreached > 0 || o.failure() != null) {
                out.add(new Failure(
                        o.broadcastId(),
                        o.occurrenceId(),
                        o.dueAt(),
                        s == null ? 0 : s.failed(),
                        s == null ? 0 : s.undelivered(),
                        p == null ? 0 : p.failed(),
                        p == null ? 0 : p.missed(),
                        callsUnreached,
                        o.failure()));
            }
        }
        return out;
    }

    /** SMS of one targeted area and everything under it: deliveries made, delivered, and the share (0-100). */
    public record AreaTotal(String code, String name, long sent, long delivered, long percent) {}

    /**
     * @param failure a channel that could not be dispatched and why; null when none failed
     * @param outcome what the firing did and, after a cancel, what had already gone out
     * @param voice residents' voice calls: queued, placed, answered, busy, no-answer, failed (each
     *        attempt once), residents called and unreached (last attempt not answered); empty when none
     * @param live whether it can still change: firing, fired with work outstanding, or SMS not final
     */
    public record OccurrenceReport(
            long occurrenceId,
            Instant dueAt,
            String state,
            Map<String, Long> sms,
            List<SmsReports.ReasonCount> smsFailures,
            Map<String, Long> plays,
            Map<String, Long> voice,
            List<AreaBreakdown.AreaCounts> areas,
            String failure,
            String outcome,
            boolean live) {}

    public record Report(long broadcastId, String status, List<OccurrenceReport> occurrences) {}

    public Report report(long id) {
        Broadcast b = broadcasts.find(id);
        List<OccurrenceReport> out = broadcasts.occurrences(id).stream()
                .map(o -> {
                    Map<String, Long> smsCounts = new LinkedHashMap<>();
                    List<SmsReports.ReasonCount> failures = List.of();
                    boolean smsOpen = false;
                    var dispatch = SmsDispatch.findByExternalRef(o.ref());
                    if (dispatch.isPresent()) {
                        SmsReports.DispatchReport r = sms.dispatch(dispatch.get().id);
                        smsCounts.putAll(r.byState());
                        failures = r.failureReasons();
                        smsOpen = r.byState().entrySet().stream()
                                .anyMatch(e -> e.getValue() > 0
                                        && !DeliveryState.parse(e.getKey()).isFinal());
                    }
                    Map<String, Long> playCounts = new LinkedHashMap<>();
                    for (Map.Entry<PlayState, Long> e : plays.counts(o.ref()).entrySet()) {
                        playCounts.put(e.getKey().name().toLowerCase(), e.getValue());
                    }
                    Map<String, Long> voice =
                            calls.any(o.id) ? calls.counts(o.id).asMap() : Map.of();
                    return new OccurrenceReport(
                            o.id,
                            o.dueAt,
                            o.state.name().toLowerCase(),
                            smsCounts,
                            failures,
                            playCounts,
                            voice,
                            areas.of(dispatch.map(d -> d.id).orElse(null), o.ref()),
                            o.failure,
                            o.outcome,
                            o.state == OccurrenceState.FIRING || o.state == OccurrenceState.FIRED || smsOpen);
                })
                .toList();
        return new Report(b.id, b.status.name().toLowerCase(), out);
    }

    /** SMS per targeted area (its whole subtree): deliveries made and how many were delivered. */
    public List<AreaTotal> smsByTargetedArea(String occurrenceRef, List<String> codes) {
        var dispatch = SmsDispatch.findByExternalRef(occurrenceRef);
        if (dispatch.isEmpty() || codes.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> byCode = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object[] row : em.createQuery(
                        "select anc.code, anc.name, d.state, count(distinct d.id) from SmsDelivery d, "
                                + "Resident r join r.areaIds aid, Area a, Area anc where d.dispatchId = :dispatch and r.id = d.residentId "
                                + "and a.id = aid and a.path like concat(anc.path, '%') and anc.code in :codes "
                                + "group by anc.code, anc.name, d.state",
                        Object[].class)
                .setParameter("dispatch", dispatch.get().id)
                .setParameter("codes", codes)
                .getResultList()) {
            long[] c = byCode.computeIfAbsent((String) row[0], k -> new long[2]);
            names.put((String) row[0], (String) row[1]);
            long n = (Long) row[3];
            c[0] += n;
            if (row[2] == DeliveryState.DELIVERED) {
                c[1] += n;
            }
        }
        List<AreaTotal> out = new ArrayList<>();
        for (String code : codes) {
            long[] c = byCode.getOrDefault(code, new long[2]);
            out.add(new AreaTotal(
                    code,
                    names.computeIfAbsent(
                            code, k -> Area.findByCode(k).map(a -> a.name).orElse(k)),
                    c[0],
                    c[1],
                    c[0] == 0 ? 0 : Math.round(100.0 * c[1] / c[0])));
        }
        return out;
    }
}
