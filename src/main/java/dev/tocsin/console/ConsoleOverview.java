package dev.tocsin.console;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.Resident;
import dev.tocsin.audience.Suppression;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.security.StaffUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read-only figures for the dashboard and the area tree, straight from the database. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ConsoleOverview {

    private final EntityManager em;

    ConsoleOverview(EntityManager em) {
        this.em = em;
    }

    public record Counts(
            long areas,
            long residents,
            long optedOut,
            long terminals,
            long enabledTerminals,
            long users,
            long enabledUsers) {}

    /** One row of the area tree, in display order; counts include every area below. */
    public record AreaRow(long id, String code, String name, String kind, int depth, long residents, long terminals) {}

    public Counts counts() {
        return new Counts(
                Area.count(),
                Resident.count(),
                Suppression.count(),
                Terminal.count(),
                Terminal.count("enabled", true),
                StaffUser.count(),
                StaffUser.count("enabled", true));
    }

    public List<AreaRow> areaTree() {
        List<Area> areas = Area.listAll();
        // One grouped query per count: an area's figure covers its whole subtree through the
        // materialised path, and a resident listed in two areas of one subtree counts once.
        Map<Long, Long> residents = grouped("select anc.id, count(distinct r.id) from Resident r join r.areaIds aid, "
                + "Area a, Area anc where a.id = aid and a.path like concat(anc.path, '%') group by anc.id");
        Map<Long, Long> terminals = grouped("select anc.id, count(t.id) from Terminal t, Area a, Area anc "
                + "where a.id = t.areaId and a.path like concat(anc.path, '%') group by anc.id");
        Map<Long, List<Area>> children = new HashMap<>();
        List<Area> roots = new ArrayList<>();
        for (Area a : areas) {
            if (a.parentId == null) {
                roots.add(a);
            } else {
                children.computeIfAbsent(a.parentId, k -> new ArrayList<>()).add(a);
            }
        }
        List<AreaRow> rows = new ArrayList<>();
        roots.sort(BY_CODE);
        for (Area root : roots) {
            walk(root, 0, children, residents, terminals, rows);
        }
        return rows;
    }

    private static final Comparator<Area> BY_CODE = Comparator.comparing((Area a) -> a.code);

    private static void walk(
            Area area,
            int depth,
            Map<Long, List<Area>> children,
            Map<Long, Long> residents,
            Map<Long, Long> terminals,
            List<AreaRow> rows) {
        rows.add(new AreaRow(
                area.id,
                area.code,
                area.name,
                area.kind.name().toLowerCase(),
                depth,
                residents.getOrDefault(area.id, 0L),
                terminals.getOrDefault(area.id, 0L)));
        List<Area> below = new ArrayList<>(children.getOrDefault(area.id, List.of()));
        below.sort(BY_CODE);
        for (Area child : below) {
            walk(child, depth + 1, children, residents, terminals, rows);
        }
    }

    private Map<Long, Long> grouped(String jpql) {
        Map<Long, Long> out = new HashMap<>();
        for (Object[] row : em.createQuery(jpql, Object[].class).getResultList()) {
            out.put((Long) row[0], (Long) row[1]);
        }
        return out;
    }
}
