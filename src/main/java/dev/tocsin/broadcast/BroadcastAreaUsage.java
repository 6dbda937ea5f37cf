package dev.tocsin.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audience.AreaUsage;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Broadcasts that are live (draft up to delivering) keep their target areas from being deleted
 * or moved: the audience is stored by area code and would silently change or break. Rejected,
 * cancelled, superseded, completed and failed broadcasts never block an area change; a rejected
 * one whose area is gone is revised with a new audience. Open broadcasts are few, so their
 * audiences are read and matched here rather than kept in a second, denormalised table.
 */
@Singleton
class BroadcastAreaUsage implements AreaUsage {

    static final Set<BroadcastStatus> OPEN = Set.of(
            BroadcastStatus.DRAFT,
            BroadcastStatus.PENDING_APPROVAL,
            BroadcastStatus.APPROVED,
            BroadcastStatus.DISPATCHING,
            BroadcastStatus.DELIVERING);

    private final EntityManager em;
    private final ObjectMapper json;

    BroadcastAreaUsage(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Override
    public String what() {
        return "open broadcasts";
    }

    @Override
    public long countUnder(String pathPrefix) {
        return idsUnder(pathPrefix).size();
    }

    @Override
    public List<String> namesUnder(String pathPrefix) {
        return idsUnder(pathPrefix).stream().map(id -> "#" + id).toList();
    }

    /** Ids of open broadcasts targeting an area whose path starts with {@code pathPrefix}. */
    List<Long> idsUnder(String pathPrefix) {
        List<?> rows = em.createNativeQuery("select b.id, b.audience_json from broadcast b where b.status in ("
                        + String.join(
                                ", ",
                                OPEN.stream().map(s -> "'" + s.name() + "'").toList()) + ") order by b.id")
                .getResultList();
        Map<Long, List<String>> codesById = new HashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        List<Long> order = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            List<String> c = areaCodes((String) r[1]);
            codesById.put(id, c);
            codes.addAll(c);
            order.add(id);
        }
        if (codes.isEmpty()) {
            return List.of();
        }
        Set<String> under = new java.util.HashSet<>();
        StringBuilder sql = new StringBuilder("select a.code from area a where a.path like ? and a.code in (");
        List<String> list = new ArrayList<>(codes);
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        jakarta.persistence.Query q =
                em.createNativeQuery(sql.append(')').toString()).setParameter(1, pathPrefix + "%");
        for (int i = 0; i < list.size(); i++) {
            q.setParameter(i + 2, list.get(i));
        }
        for (Object code : q.getResultList()) {
            under.add((String) code);
        }
        return order.stream()
                .filter(id -> codesById.get(id).stream().anyMatch(under::contains))
                .toList();
    }

    private List<String> areaCodes(String audienceJson) {
        try {
            BroadcastRequest.Audience a = json.readValue(audienceJson, BroadcastRequest.Audience.class);
            return a.areaCodes() == null ? List.of() : a.areaCodes();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored broadcast audience is not valid JSON", e);
        }
    }
}
