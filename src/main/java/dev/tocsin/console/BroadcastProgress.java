package dev.tocsin.console;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastPreview;
import dev.tocsin.broadcast.BroadcastReports;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.loudspeaker.CoverageService;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDispatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delivery report of a broadcast's occurrences for the detail page: SMS deliveries by state,
 * loudspeaker plays by state, and coverage by targeted area. {@code live} says whether anything
 * can still change, so the page knows whether to keep polling.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastProgress {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Set<String> FINAL_SMS = Set.of("delivered", "undelivered", "failed", "suppressed");

    private final BroadcastService broadcasts;
    private final BroadcastReports reports;
    private final BroadcastPreview preview;
    private final CoverageService coverage;
    private final TocsinConfig tocsin;
    private final EntityManager em;

    BroadcastProgress(
            BroadcastService broadcasts,
            BroadcastReports reports,
            BroadcastPreview preview,
            CoverageService coverage,
            TocsinConfig tocsin,
            EntityManager em) {
        this.broadcasts = broadcasts;
        this.reports = reports;
        this.preview = preview;
        this.coverage = coverage;
        this.tocsin = tocsin;
        this.em = em;
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
            String failure) {}

    public record Progress(long id, String status, boolean live, List<OccurrenceProgress> occurrences) {}

    public Progress progress(long id) {
        Broadcast b = broadcasts.find(id);
        BroadcastReports.Report report = reports.report(id);
        List<String> codes = preview.areaCodes(b);
        boolean live = BroadcastStatus.parse(report.status()).live();
        List<OccurrenceProgress> out = new ArrayList<>();
        for (BroadcastReports.OccurrenceReport o : report.occurrences()) {
            long smsTotal = o.sms().values().stream().mapToLong(Long::longValue).sum();
            long playsTotal =
                    o.plays().values().stream().mapToLong(Long::longValue).sum();
            live |= "firing".equals(o.state())
                    || "fired".equals(o.state())
                    || o.sms().entrySet().stream().anyMatch(e -> e.getValue() > 0 && !FINAL_SMS.contains(e.getKey()));
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
                    smsAreas(ref, codes),
                    playAreas,
                    o.failure()));
        }
        return new Progress(id, report.status(), live, out);
    }

    private static List<Bar> bars(Map<String, Long> counts, long total) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Bar(e.getKey(), e.getValue(), total == 0 ? 0 : Math.round(100.0 * e.getValue() / total)))
                .toList();
    }

    /** SMS per targeted area (its whole subtree): deliveries made and how many were delivered. */
    private List<AreaLine> smsAreas(String ref, List<String> codes) {
        var dispatch = SmsDispatch.findByExternalRef(ref);
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
        List<AreaLine> out = new ArrayList<>();
        for (String code : codes) {
            long[] c = byCode.getOrDefault(code, new long[2]);
            out.add(new AreaLine(
                    code,
                    names.computeIfAbsent(
                            code,
                            k -> dev.tocsin.audience.Area.findByCode(k)
                                    .map(a -> a.name)
                                    .orElse(k)),
                    c[0],
                    c[1],
                    c[0] == 0 ? 0 : Math.round(100.0 * c[1] / c[0])));
        }
        return out;
    }
}
