package dev.tocsin.console;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastPreview;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.fanout.DeliveryReports;
import dev.tocsin.loudspeaker.CoverageService;
import dev.tocsin.platform.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The delivery report of a broadcast's occurrences for the detail page: SMS deliveries by state,
 * loudspeaker plays by state, residents' voice calls by outcome, and coverage by targeted area. {@code live} says whether anything
 * can still change, so the page knows whether to keep polling.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastProgress {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final BroadcastService broadcasts;
    private final DeliveryReports deliveries;
    private final BroadcastPreview preview;
    private final CoverageService coverage;
    private final TocsinConfig tocsin;

    BroadcastProgress(
            BroadcastService broadcasts,
            DeliveryReports deliveries,
            BroadcastPreview preview,
            CoverageService coverage,
            TocsinConfig tocsin) {
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
        this.preview = preview;
        this.coverage = coverage;
        this.tocsin = tocsin;
    }

    /** One bar of a chart: a state, its count and its share of the total (0-100). */
    public record Bar(String state, long count, long percent) {}

    public record AreaLine(String code, String name, long targeted, long delivered, long percent) {}

    public record OccurrenceProgress(
            long id,
            String dueAt,
            String state,
            long smsTotal,
            long smsDelivered,
            List<Bar> sms,
            long playsTotal,
            List<Bar> plays,
            List<AreaLine> smsAreas,
            List<AreaLine> playAreas,
            String failure,
            Voice voice) {}

    /**
     * Residents' voice calls of an occurrence: each attempt by outcome, residents called, those
     * left unreached and of those the ones texted instead; null when it called nobody.
     */
    public record Voice(long attempts, List<Bar> bars, long residents, long unreached, long texted) {}

    public record Progress(long id, String status, boolean live, List<OccurrenceProgress> occurrences) {}

    public Progress progress(long id) {
        Broadcast b = broadcasts.find(id);
        DeliveryReports.Report report = deliveries.report(id);
        List<String> codes = preview.areaCodes(b);
        boolean live = BroadcastStatus.parse(report.status()).live();
        List<OccurrenceProgress> out = new ArrayList<>();
        for (DeliveryReports.OccurrenceReport o : report.occurrences()) {
            long smsTotal = o.sms().values().stream().mapToLong(Long::longValue).sum();
            long playsTotal =
                    o.plays().values().stream().mapToLong(Long::longValue).sum();
            live |= o.live();
            String ref = Occurrence.ref(o.occurrenceId());
            List<AreaLine> playAreas = coverage.coverage(ref).areas().stream()
                    .map(a -> new AreaLine(
                            a.area(), a.name(), a.targeted(), a.completed(), Math.round(a.coverage() * 100)))
                    .toList();
            out.add(new OccurrenceProgress(
                    o.occurrenceId(),
                    LOCAL.format(o.dueAt().atZone(tocsin.zone())),
                    o.state(),
                    smsTotal,
                    o.sms().getOrDefault("delivered", 0L),
                    bars(o.sms(), smsTotal),
                    playsTotal,
                    bars(o.plays(), playsTotal),
                    deliveries.smsByTargetedArea(ref, codes).stream()
                            .map(t -> new AreaLine(t.code(), t.name(), t.sent(), t.delivered(), t.percent()))
                            .toList(),
                    playAreas,
                    o.failure(),
                    voice(o.voice())));
        }
        return new Progress(id, report.status(), live, out);
    }

    private static final List<String> CALL_OUTCOMES =
            List.of("queued", "placed", "answered", "busy", "no-answer", "failed");

    private static Voice voice(Map<String, Long> v) {
        if (v.isEmpty()) {
            return null;
        }
        Map<String, Long> outcomes = new java.util.LinkedHashMap<>();
        for (String k : CALL_OUTCOMES) {
            outcomes.put(k, v.getOrDefault(k, 0L));
        }
        long attempts = outcomes.values().stream().mapToLong(Long::longValue).sum();
        return new Voice(
                attempts,
                bars(outcomes, attempts),
                v.getOrDefault("residents", 0L),
                v.getOrDefault("unreached", 0L),
                v.getOrDefault("texted", 0L));
    }

    private static List<Bar> bars(Map<String, Long> counts, long total) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Bar(e.getKey(), e.getValue(), total == 0 ? 0 : Math.round(100.0 * e.getValue() / total)))
                .toList();
    }
}
