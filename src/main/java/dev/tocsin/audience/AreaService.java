package dev.tocsin.audience;

import dev.tocsin.audience.AreaViews.AreaChange;
import dev.tocsin.audience.AreaViews.AreaDetail;
import dev.tocsin.audience.AreaViews.AreaNode;
import dev.tocsin.audience.AreaViews.AreaView;
import dev.tocsin.audience.AreaViews.NewArea;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The administrative tree. Every change keeps {@code path} consistent for the whole subtree,
 * and a move or delete is refused while anything (residents, terminals, ...) stands in the area.
 */
@ApplicationScoped
@Transactional
public class AreaService {

    private final Clock clock;
    private final AuditLog audit;
    private final Instance<AreaUsage> usages;

    AreaService(Clock clock, AuditLog audit, Instance<AreaUsage> usages) {
        this.clock = clock;
        this.audit = audit;
        this.usages = usages;
    }

    /** Every area ordered by path (parents before children), or the children of {@code parentCode}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AreaView> list(String parentCode) {
        if (parentCode != null) {
            Area parent = require(parentCode, "parentCode");
            return Area.children(parent.id).stream()
                    .map(a -> view(a, parent.code))
                    .toList();
        }
        List<Area> all = Area.listAll(Sort.by("path"));
        Map<Long, String> codes = all.stream().collect(Collectors.toMap(a -> a.id, a -> a.code));
        return all.stream()
                .map(a -> view(a, a.parentId == null ? null : codes.get(a.parentId)))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AreaNode> tree() {
        List<Area> all = Area.listAll(Sort.by("name"));
        Map<Long, List<Area>> byParent = new HashMap<>();
        List<Area> roots = new ArrayList<>();
        for (Area a : all) {
            if (a.parentId == null) {
                roots.add(a);
            } else {
                byParent.computeIfAbsent(a.parentId, k -> new ArrayList<>()).add(a);
            }
        }
        return roots.stream().map(a -> node(a, byParent)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AreaDetail get(String code) {
        Area a = Area.findByCode(code).orElseThrow(() -> ProblemException.notFound("No area with code '" + code + "'"));
        Map<String, Long> usage = new LinkedHashMap<>();
        for (AreaUsage u : usages) {
            usage.put(u.what(), u.countUnder(a.path));
        }
        List<String> ancestors = new ArrayList<>();
        for (String id : a.path.substring(1).split("/")) {
            if (!id.equals(String.valueOf(a.id))) {
                ancestors.add(Area.<Area>findById(Long.valueOf(id)).code);
            }
        }
        return new AreaDetail(
                view(a, parentCode(a)),
                ancestors,
                Area.count("parentId", a.id),
                usage.getOrDefault("residents", 0L),
                usage.getOrDefault("terminals", 0L),
                usage);
    }

    public AreaView create(String actor, NewArea in) {
        String codeError = AreaRules.codeError(in.code());
        if (codeError != null) {
            throw ProblemException.badRequest("code", codeError);
        }
        checkGeometry(in.centroidLat(), in.centroidLon());
        String polygon = polygon(in.polygon());
        if (Area.findByCode(in.code()).isPresent()) {
            throw ProblemException.conflict("code", "an area with code '" + in.code() + "' already exists");
        }
        Area parent = in.parentCode() == null ? null : require(in.parentCode(), "parentCode");
        Area a = new Area();
        a.code = in.code();
        a.name = in.name().strip();
        a.kind = in.kind();
        a.centroidLat = in.centroidLat();
        a.centroidLon = in.centroidLon();
        a.polygon = polygon;
        a.createdAt = clock.instant();
        a.path = "/";
        a.persist();
        a.placeUnder(parent);
        audit.record(actor, "area.create", "area:" + a.code, "parent=" + in.parentCode());
        return view(a, in.parentCode());
    }

    public AreaView update(String actor, String code, AreaChange in) {
        Area a = Area.findByCode(code).orElseThrow(() -> ProblemException.notFound("No area with code '" + code + "'"));
        checkGeometry(in.centroidLat(), in.centroidLon());
        a.polygon = polygon(in.polygon());
        a.name = in.name().strip();
        a.kind = in.kind();
        a.centroidLat = in.centroidLat();
        a.centroidLon = in.centroidLon();
        audit.record(actor, "area.update", "area:" + code, null);
        return view(a, parentCode(a));
    }

    /** Moves the area, with its subtree, under {@code newParentCode} (null: to the top). */
    public AreaView move(String actor, String code, String newParentCode) {
        Area a = Area.findByCode(code).orElseThrow(() -> ProblemException.notFound("No area with code '" + code + "'"));
        Area parent = newParentCode == null ? null : require(newParentCode, "parentCode");
        if (parent != null && parent.path.startsWith(a.path)) {
            throw ProblemException.conflict(
                    "parentCode",
                    "cannot move '" + code + "' under itself or one of its descendants ('" + newParentCode + "')");
        }
        refuseIfUsed(a, "moved");
        String oldPrefix = a.path;
        String newPrefix = (parent == null ? "/" : parent.path) + a.id + "/";
        a.parentId = parent == null ? null : parent.id;
        Area.update(
                "path = concat(?1, substring(path, ?2)) where path like ?3",
                newPrefix,
                oldPrefix.length() + 1,
                oldPrefix + "%");
        a.path = newPrefix;
        audit.record(actor, "area.move", "area:" + code, "parent=" + newParentCode);
        return view(a, newParentCode);
    }

    public void delete(String actor, String code) {
        Area a = Area.findByCode(code).orElseThrow(() -> ProblemException.notFound("No area with code '" + code + "'"));
        long children = Area.count("parentId", a.id);
        if (children > 0) {
            throw ProblemException.conflict(
                    "area '" + code + "' has " + children + " child area(s); delete or move them first");
        }
        refuseIfUsed(a, "deleted");
        a.delete();
        audit.record(actor, "area.delete", "area:" + code, null);
    }

    private void refuseIfUsed(Area a, String verb) {
        List<String> found = new ArrayList<>();
        for (AreaUsage u : usages) {
            long n = u.countUnder(a.path);
            if (n > 0) {
                List<String> names = u.namesUnder(a.path);
                found.add(n + " " + u.what()
                        + (names.isEmpty()
                                ? ""
                                : " (" + String.join(", ", names.subList(0, Math.min(names.size(), 20)))
                                        + (names.size() > 20 ? ", ..." : "") + ")"));
            }
        }
        if (!found.isEmpty()) {
            throw ProblemException.conflict("area '" + a.code + "' cannot be " + verb
                    + ": it (or an area below it) has " + String.join(", ", found));
        }
    }

    private static Area require(String code, String field) {
        return Area.findByCode(code)
                .orElseThrow(() -> ProblemException.badRequest(field, "no area with code '" + code + "'"));
    }

    private static void checkGeometry(Double lat, Double lon) {
        List<Problem.FieldError> errors = AreaRules.centroidErrors(lat, lon);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static String polygon(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return AreaRules.normalisePolygon(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("polygon", e.getMessage());
        }
    }

    private static String parentCode(Area a) {
        return a.parentId == null ? null : Area.<Area>findById(a.parentId).code;
    }

    private static AreaView view(Area a, String parentCode) {
        return new AreaView(a.code, a.name, a.kind, parentCode, a.centroidLat, a.centroidLon, a.polygon);
    }

    private static AreaNode node(Area a, Map<Long, List<Area>> byParent) {
        List<AreaNode> children = byParent.getOrDefault(a.id, List.of()).stream()
                .sorted(Comparator.comparing((Area c) -> c.name))
                .map(c -> node(c, byParent))
                .toList();
        return new AreaNode(a.code, a.name, a.kind, children);
    }
}
