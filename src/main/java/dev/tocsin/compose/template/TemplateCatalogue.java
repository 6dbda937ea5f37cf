package dev.tocsin.compose.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The versioned template catalogue. Editing a template adds a version and makes it current;
 * earlier versions are kept and stay renderable. Retiring hides a template from the list but
 * keeps its versions.
 */
@ApplicationScoped
@Transactional
public class TemplateCatalogue {

    public record Summary(
            String id,
            Map<String, String> name,
            CapCategory category,
            CapSeverity severity,
            CapUrgency urgency,
            CapCertainty certainty,
            int currentVersion,
            boolean active,
            Instant updatedAt) {}

    public record VersionInfo(int version, Instant createdAt, String createdBy) {}

    /** A template with the definition of the requested (by default current) version and its history. */
    public record Detail(
            String id,
            int version,
            int currentVersion,
            boolean active,
            TemplateDefinition definition,
            List<VersionInfo> versions) {}

    /** One version's definition, for rendering. */
    public record Version(String id, int version, TemplateDefinition definition) {}

    private final ObjectMapper mapper;
    private final DefinitionChecker checker;
    private final AuditLog audit;
    private final Clock clock;
    /** Parsed definitions by "id@version"; versions are immutable. */
    private final ConcurrentMap<String, TemplateDefinition> parsed = new ConcurrentHashMap<>();

    TemplateCatalogue(ObjectMapper mapper, DefinitionChecker checker, AuditLog audit, Clock clock) {
        this.mapper = mapper;
        this.checker = checker;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Summary> list(boolean includeRetired) {
        List<NoticeTemplate> templates =
                includeRetired ? NoticeTemplate.list("order by id") : NoticeTemplate.listActive();
        return templates.stream()
                .map(t -> {
                    TemplateDefinition d = definition(t.id, t.currentVersion);
                    return new Summary(
                            t.id,
                            d.name(),
                            d.category(),
                            d.severity(),
                            d.urgency(),
                            d.certainty(),
                            t.currentVersion,
                            t.active,
                            t.updatedAt);
                })
                .toList();
    }

    /** The template at a version (null = current), 404 when either is unknown. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Detail get(String id, Integer version) {
        NoticeTemplate t = NoticeTemplate.<NoticeTemplate>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No template '" + id + "'"));
        int v = version == null ? t.currentVersion : version;
        if (NoticeTemplateVersion.find(id, v).isEmpty()) {
            throw ProblemException.notFound("Template '" + id + "' has no version " + v);
        }
        return detail(t, v, definition(id, v));
    }

    private static Detail detail(NoticeTemplate t, int version, TemplateDefinition definition) {
        List<VersionInfo> history = NoticeTemplateVersion.history(t.id).stream()
                .map(h -> new VersionInfo(h.version, h.createdAt, h.createdBy))
                .toList();
        return new Detail(t.id, version, t.currentVersion, t.active, definition, history);
    }

    /** A version for rendering; unknown template or version is the caller's input error (400, {@code templateId} or {@code templateVersion}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Version version(String id, Integer version) {
        NoticeTemplate t = id == null ? null : NoticeTemplate.findById(id);
        if (t == null) {
            throw ProblemException.badRequest("templateId", "unknown template '" + id + "'");
        }
        int v = version == null ? t.currentVersion : version;
        if (NoticeTemplateVersion.find(id, v).isEmpty()) {
            throw ProblemException.badRequest("templateVersion", "template '" + id + "' has no version " + v);
        }
        return new Version(id, v, definition(id, v));
    }

    public Detail create(String actor, TemplateDefinition definition) {
        validate(definition);
        if (NoticeTemplate.findById(definition.id()) != null) {
            throw ProblemException.conflict("id", "a template '" + definition.id() + "' already exists");
        }
        NoticeTemplate t = insert(actor, definition, false);
        audit.record(actor, "template.create", "template:" + definition.id(), "version 1");
        // Built from the definition in hand: the parse cache only holds committed versions.
        return detail(t, 1, definition);
    }

    /**
     * Saves a new version. With {@code baseVersion} the edit is refused (409) when someone saved
     * another version since the editor loaded it.
     */
    public Detail update(String actor, String id, Integer baseVersion, TemplateDefinition definition) {
        if (definition.id() != null && !definition.id().equals(id)) {
            throw ProblemException.badRequest("id", "does not match the template in the path ('" + id + "')");
        }
        TemplateDefinition d = definition.withId(id);
        validate(d);
        NoticeTemplate t = NoticeTemplate.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("No template '" + id + "'"));
        if (baseVersion != null && baseVersion != t.currentVersion) {
            throw ProblemException.conflict(
                    "baseVersion",
                    "template '" + id + "' is at version " + t.currentVersion + ", not " + baseVersion
                            + "; reload and edit again");
        }
        t.currentVersion++;
        t.active = true;
        t.updatedAt = clock.instant();
        addVersion(actor, id, t.currentVersion, d);
        audit.record(actor, "template.update", "template:" + id, "version " + t.currentVersion);
        return detail(t, t.currentVersion, d);
    }

    public void retire(String actor, String id) {
        NoticeTemplate t = NoticeTemplate.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("No template '" + id + "'"));
        t.active = false;
        t.updatedAt = clock.instant();
        audit.record(actor, "template.retire", "template:" + id, "at version " + t.currentVersion);
    }

    /** Adds a seed template unless one with its id exists; true when added. */
    public boolean seed(TemplateDefinition definition) {
        validate(definition);
        if (NoticeTemplate.findById(definition.id()) != null) {
            return false;
        }
        insert("system", definition, true);
        return true;
    }

    private NoticeTemplate insert(String actor, TemplateDefinition d, boolean seeded) {
        NoticeTemplate t = new NoticeTemplate();
        t.id = d.id();
        t.currentVersion = 1;
        t.active = true;
        t.seeded = seeded;
        t.createdAt = clock.instant();
        t.updatedAt = t.createdAt;
        t.persist();
        addVersion(actor, d.id(), 1, d);
        return t;
    }

    private void addVersion(String actor, String id, int version, TemplateDefinition d) {
        NoticeTemplateVersion v = new NoticeTemplateVersion();
        v.templateId = id;
        v.version = version;
        v.createdAt = clock.instant();
        v.createdBy = actor;
        try {
            v.definition = mapper.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Template definition not serialisable", e);
        }
        v.persist();
    }

    private void validate(TemplateDefinition d) {
        if (d.id() == null) {
            throw ProblemException.badRequest("id", "is required");
        }
        var errors = checker.check(d);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private TemplateDefinition definition(String id, int version) {
        return parsed.computeIfAbsent(id + "@" + version, k -> {
            NoticeTemplateVersion v = NoticeTemplateVersion.find(id, version)
                    .orElseThrow(() -> new IllegalStateException("missing version " + k));
            try {
                return mapper.readValue(v.definition, TemplateDefinition.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored template " + k + " is unreadable", e);
            }
        });
    }
}
