package dev.tocsin.console;

import dev.tocsin.broadcast.BroadcastFigures;
import dev.tocsin.fanout.DeliveryReports;
import dev.tocsin.loudspeaker.LoudspeakerConfig;
import dev.tocsin.loudspeaker.LoudspeakerFigures;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.sms.SmsReports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows at the start of a shift: broadcasts going out or coming up, today's
 * SMS deliveries and loudspeaker plays by state, silent terminals and today's failures. Every
 * figure is an aggregate query; only the short lists (capped) load rows. "Today" is the
 * calendar day in the district's zone. Each figure comes from the feature that owns it (broadcast,
 * fan-out, SMS, loudspeaker); this class only lays them out.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DashboardFigures {

    static final int LIST_LIMIT = 50;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final BroadcastFigures broadcasts;
    private final DeliveryReports deliveries;
    private final SmsReports sms;
    private final LoudspeakerFigures speakers;
    private final Clock clock;
    private final ZoneId zone;
    private final LoudspeakerConfig loudspeaker;

    DashboardFigures(
            BroadcastFigures broadcasts,
            DeliveryReports deliveries,
            SmsReports sms,
            LoudspeakerFigures speakers,
            Clock clock,
            TocsinConfig tocsin,
            LoudspeakerConfig loudspeaker) {
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
        this.sms = sms;
        this.speakers = speakers;
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
     * Today's occurrence with failures: SMS failed / undelivered, plays failed / missed, residents
     * who prefer a call and whom no call reached, and a channel that could not be dispatched at all
     * ({@code channelFailure}, null when none).
     */
    public record Failure(
            long broadcastId,
            long occurrenceId,
            String dueAt,
            long smsFailed,
            long smsUndelivered,
            long playsFailed,
            long playsMissed,
            long callsUnreached,
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
        List<StateCount> smsToday = shares(sms.byStateCreated(from, to));
        List<StateCount> plays = shares(speakers.playsByStateCreated(from, to));
        Instant cut = now.minus(loudspeaker.offlineAfter());
        return new Figures(
                day.toString(),
                active(),
                broadcasts.pendingApproval(),
                smsToday,
                sum(smsToday),
                plays,
                sum(plays),
                offline(cut),
                speakers.silentCount(cut),
                failures(from, to));
    }

    private List<Active> active() {
        return broadcasts.active(LIST_LIMIT).stream()
                .map(a -> new Active(
                        a.id(),
                        a.status().name().toLowerCase(),
                        a.templateId(),
                        a.urgency().urgent(),
                        a.next() == null ? null : local(a.next())))
                .toList();
    }

    /** Grouped by area in code order; within an area as the loudspeaker feature orders them. */
    private List<OfflineArea> offline(Instant cut) {
        Map<String, OfflineArea> byArea = new TreeMap<>();
        for (LoudspeakerFigures.Silent t : speakers.silent(cut, LIST_LIMIT)) {
            byArea.computeIfAbsent(t.areaCode(), k -> new OfflineArea(k, t.areaName(), new ArrayList<>()))
                    .terminals()
                    .add(new OfflineTerminal(t.code(), t.name(), t.lastSeen() == null ? null : local(t.lastSeen())));
        }
        return List.copyOf(byArea.values());
    }

    private List<Failure> failures(Instant from, Instant to) {
        return deliveries.failures(from, to).stream()
                .map(f -> new Failure(
                        f.broadcastId(),
                        f.occurrenceId(),
                        local(f.dueAt()),
                        f.smsFailed(),
                        f.smsUndelivered(),
                        f.playsFailed(),
                        f.playsMissed(),
                        f.callsUnreached(),
                        f.channelFailure()))
                .toList();
    }

    private static List<StateCount> shares(Map<String, Long> counts) {
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
