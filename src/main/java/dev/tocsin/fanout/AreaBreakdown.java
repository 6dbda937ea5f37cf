package dev.tocsin.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-area counts of one occurrence: SMS deliveries by state, grouped by the areas the resident
 * is registered in, and plays by state, grouped by the terminal's area. A resident registered in
 * two areas counts in both. The grouping is by today's area links, so a resident deleted or moved
 * since the send shows where they are now (or not at all); the per-occurrence totals do not depend
 * on it.
 */
@ApplicationScoped
public class AreaBreakdown {

    /** Counts for one area; states in lower case as in the rest of the report. */
    public record AreaCounts(String code, String name, Map<String, Long> sms, Map<String, Long> plays) {}

    private final EntityManager em;

    AreaBreakdown(EntityManager em) {
        this.em = em;
    }

    List<AreaCounts> of(Long smsDispatchId, String occurrenceRef) {
        Map<Long, Map<String, Long>> sms = new HashMap<>();
        if (smsDispatchId != null) {
            group(
                    em.createNativeQuery("select ra.area_id, d.state, count(*) from sms_delivery d"
                                    + " join resident_area ra on ra.resident_id = d.resident_id where d.dispatch_id = ?1"
                                    + " group by ra.area_id, d.state")
                            .setParameter(1, smsDispatchId),
                    sms);
        }
        Map<Long, Map<String, Long>> plays = new HashMap<>();
        group(
                em.createNativeQuery(
                                "select t.area_id, p.state, count(*) from play p join terminal t on t.id = p.terminal_id"
                                        + " where p.occurrence_ref = ?1 group by t.area_id, p.state")
                        .setParameter(1, occurrenceRef),
                plays);
        List<Long> ids = new ArrayList<>(sms.keySet());
        plays.keySet().stream().filter(id -> !sms.containsKey(id)).forEach(ids::add);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> areas = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            StringBuilder sql = new StringBuilder("select a.id, a.code, a.name, a.path from area a where a.id in (");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            Query q = em.createNativeQuery(sql.append(')').toString());
            for (int i = 0; i < part.size(); i++) {
                q.setParameter(i + 1, part.get(i));
            }
            for (Object row : q.getResultList()) {
                areas.add((Object[]) row);
            }
        }
        areas.sort(Comparator.comparing(a -> (String) a[3]));
        List<AreaCounts> out = new ArrayList<>(areas.size());
        for (Object[] a : areas) {
            long id = ((Number) a[0]).longValue();
            out.add(new AreaCounts(
                    (String) a[1], (String) a[2], sms.getOrDefault(id, Map.of()), plays.getOrDefault(id, Map.of())));
        }
        return out;
    }

    private static void group(Query q, Map<Long, Map<String, Long>> into) {
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            into.computeIfAbsent(((Number) r[0]).longValue(), k -> new LinkedHashMap<>())
                    .put(((String) r[1]).toLowerCase(Locale.ROOT), ((Number) r[2]).longValue());
        }
    }
}
