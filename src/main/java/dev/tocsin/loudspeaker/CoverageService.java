package dev.tocsin.loudspeaker;

import dev.tocsin.audience.Area;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which villages heard a broadcast: per area, how many targeted terminals confirmed completion,
 * failed, missed the window while offline or while online, or are still pending.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CoverageService {

    private final EntityManager em;

    CoverageService(EntityManager em) {
        this.em = em;
    }

    /**
     * {@code completed} counts only confirmed completions of delivered plays; completions
     * claimed for plays never delivered are in {@code suspicious}. {@code failed} includes skipped.
     */
    public record AreaCoverage(
            String area,
            String name,
            long targeted,
            long completed,
            long failed,
            long missedOffline,
            long missedOnline,
            long pending,
            long cancelled,
            long suspicious,
            double coverage) {}

    public record Coverage(String occurrence, AreaCoverage total, List<AreaCoverage> areas) {}

    public Coverage coverage(String occurrenceRef) {
        List<Object[]> rows = em.createQuery(
                        "select t.areaId, p.state, p.suspicious, p.missedOffline, count(p) "
                                + "from Play p, Terminal t where t.id = p.terminalId and p.occurrenceRef = :ref "
                                + "group by t.areaId, p.state, p.suspicious, p.missedOffline",
                        Object[].class)
                .setParameter("ref", occurrenceRef)
                .getResultList();
        Map<Long, long[]> byArea = new LinkedHashMap<>();
        long[] total = new long[8];
        for (Object[] row : rows) {
            long[] c = byArea.computeIfAbsent((Long) row[0], id -> new long[8]);
            int slot = slot((PlayState) row[1], (Boolean) row[2], (Boolean) row[3]);
            long n = (Long) row[4];
            c[slot] += n;
            total[slot] += n;
        }
        List<AreaCoverage> areas = new ArrayList<>();
        byArea.forEach((id, c) -> {
            Area a = Area.findById(id);
            areas.add(of(a.code, a.name, c));
        });
        areas.sort(Comparator.comparing(AreaCoverage::area));
        return new Coverage(occurrenceRef, of(null, null, total), areas);
    }

    // slots: 0 completed, 1 failed, 2 missed offline, 3 missed online, 4 pending, 5 cancelled, 6 suspicious
    private static int slot(PlayState state, boolean suspicious, boolean missedOffline) {
        if (suspicious) {
            return 6;
        }
        return switch (state) {
            case COMPLETED -> 0;
            case FAILED, SKIPPED -> 1;
            case MISSED -> missedOffline ? 2 : 3;
            case PENDING, STARTED -> 4;
            case CANCELLED -> 5;
        };
    }

    private static AreaCoverage of(String code, String name, long[] c) {
        long targeted = c[0] + c[1] + c[2] + c[3] + c[4] + c[5] + c[6];
        double coverage = targeted == 0 ? 0 : Math.round(1000.0 * c[0] / targeted) / 1000.0;
        return new AreaCoverage(code, name, targeted, c[0], c[1], c[2], c[3], c[4], c[5], c[6], coverage);
    }
}
