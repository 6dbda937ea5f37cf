package dev.tocsin.cap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Area;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.CapStatus;
import dev.tocsin.compose.template.NoticeTemplate;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trigger rules: validated, audited CRUD. */
@ApplicationScoped
@Transactional
public class CapRuleService {

    static final Set<String> CATEGORIES = Set.of(
            "Geo",
            "Met",
            "Safety",
            "Security",
            "Rescue",
            "Fire",
            "Health",
            "Env",
            "Transport",
            "Infra",
            "CBRNE",
            "Other");
    static final Set<String> SEVERITIES = Set.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    static final Set<String> URGENCIES = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final Set<String> SOURCES = Set.of(
            "areaNames",
            "areaDesc",
            "headline",
            "event",
            "description",
            "instruction",
            "senderName",
            "period",
            "onsetDate",
            "expiresDate",
            "expiresTime");

    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    CapRuleService(ObjectMapper json, AuditLog audit, Clock clock) {
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public record RuleView(
            long id, String name, boolean enabled, RuleDefinition definition, String createdBy, Instant updatedAt) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RuleView> list() {
        return CapRule.<CapRule>list("order by name").stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RuleView get(long id) {
        return view(find(id));
    }

    public RuleView create(String actor, RuleDefinition d) {
        validate(d);
        if (CapRule.count("name", d.name().strip()) > 0) {
            throw ProblemException.conflict("name", "a rule named '" + d.name().strip() + "' exists");
        }
        CapRule r = new CapRule();
        r.createdBy = actor;
        r.createdAt = clock.instant();
        apply(r, d);
        r.persist();
        audit.record(actor, "cap.rule.create", "cap-rule:" + r.id, r.name);
        return view(r);
    }

    public RuleView update(String actor, long id, RuleDefinition d) {
        validate(d);
        CapRule r = find(id);
        if (!r.name.equals(d.name().strip()) && CapRule.count("name", d.name().strip()) > 0) {
            throw ProblemException.conflict("name", "a rule named '" + d.name().strip() + "' exists");
        }
        apply(r, d);
        audit.record(actor, "cap.rule.update", "cap-rule:" + r.id, r.name);
        return view(r);
    }

    public void delete(String actor, long id) {
        CapRule r = find(id);
        r.delete();
        audit.record(actor, "cap.rule.delete", "cap-rule:" + id, r.name);
    }

    /** Loads the demo district's rules once (by name), for the story out of the box. */
    public int seed(List<RuleDefinition> rules) {
        int added = 0;
        for (RuleDefinition d : rules) {
            if (CapRule.count("name", d.name()) == 0) {
                create("demo", d);
                added++;
            }
        }
        return added;
    }

    private void apply(CapRule r, RuleDefinition d) {
        r.name = d.name().strip();
        r.enabled = d.enabled() == null || d.enabled();
        r.definition = write(d);
        r.updatedAt = clock.instant();
    }

    private CapRule find(long id) {
        CapRule r = CapRule.findById(id);
        if (r == null) {
            throw ProblemException.notFound("no CAP rule " + id);
        }
        return r;
    }

    RuleView view(CapRule r) {
        return new RuleView(r.id, r.name, r.enabled, read(r.definition), r.createdBy, r.updatedAt);
    }

    RuleDefinition read(String definition) {
        try {
            return json.readValue(definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule unreadable", e);
        }
    }

    private String write(RuleDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void validate(RuleDefinition d) {
        if (d == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank() || d.name().strip().length() > 100) {
            errors.add(new Problem.FieldError("name", "is required, at most 100 characters"));
        }
        RuleDefinition.Match m = d.match();
        if (m == null) {
            errors.add(new Problem.FieldError("match", "is required"));
        } else {
            vocabulary(errors, "match.categories", m.categories(), CATEGORIES);
            vocabulary(errors, "match.severities", m.severities(), SEVERITIES);
            vocabulary(errors, "match.urgencies", m.urgencies(), URGENCIES);
            if (m.areaCodes() == null || m.areaCodes().isEmpty()) {
                errors.add(new Problem.FieldError("match.areaCodes", "name at least one area"));
            } else {
                areas(errors, "match.areaCodes", m.areaCodes());
            }
            if (m.events() != null && m.events().stream().anyMatch(e -> e == null || e.isBlank() || e.length() > 100)) {
                errors.add(new Problem.FieldError("match.events", "entries must be 1-100 characters"));
            }
        }
        RuleDefinition.Draft t = d.draft();
        if (t == null) {
            errors.add(new Problem.FieldError("draft", "is required"));
        } else {
            if (t.templateId() == null || NoticeTemplate.findById(t.templateId()) == null) {
                errors.add(new Problem.FieldError("draft.templateId", "unknown template '" + t.templateId() + "'"));
            }
            if (t.language() == null || t.language().isBlank()) {
                errors.add(new Problem.FieldError("draft.language", "is required"));
            }
            if (t.channels() == null
                    || t.channels().isEmpty()
                    || !t.channels().stream().allMatch(c -> readable(c, Channel::of))) {
                errors.add(new Problem.FieldError("draft.channels", "name sms and/or loudspeaker"));
            }
            if (t.priority() != null && !readable(t.priority(), Urgency::of)) {
                errors.add(new Problem.FieldError("draft.priority", "must be routine or urgent"));
            }
            if (t.status() != null && !readable(t.status(), CapStatus::of)) {
                errors.add(new Problem.FieldError("draft.status", "must be actual, exercise or test"));
            }
            if (t.audienceAreaCodes() != null) {
                areas(errors, "draft.audienceAreaCodes", t.audienceAreaCodes());
            }
            if (t.variables() != null) {
                for (Map.Entry<String, String> e : t.variables().entrySet()) {
                    String bad = badSource(e.getValue());
                    if (bad != null) {
                        errors.add(new Problem.FieldError("draft.variables." + e.getKey(), bad));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** A rule's draft keeps the API's words; they must read as the broadcast command's types. */
    private static boolean readable(String value, java.util.function.Function<String, ?> parse) {
        try {
            parse.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return why a source expression is wrong, or null */
    static String badSource(String expression) {
        if (expression == null || expression.isBlank() || expression.length() > 200) {
            return "give a source such as headline, period or parameter:NAME (at most 200 characters)";
        }
        String[] parts = expression.split("\\|");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            boolean last = i == parts.length - 1;
            if (p.startsWith("parameter:") && p.length() > "parameter:".length()) {
                continue;
            }
            if (p.startsWith("literal:") || SOURCES.contains(p)) {
                continue;
            }
            if (last) {
                continue; // a plain fallback value
            }
            return "unknown source '" + p + "'; use one of " + new java.util.TreeSet<>(SOURCES)
                    + ", parameter:NAME, literal:TEXT";
        }
        return null;
    }

    private static void vocabulary(
            List<Problem.FieldError> errors, String field, List<String> values, Set<String> allowed) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (!allowed.contains(v)) {
                errors.add(new Problem.FieldError(
                        field, "unknown value '" + v + "'; CAP 1.2 allows " + new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static void areas(List<Problem.FieldError> errors, String field, List<String> codes) {
        for (String c : codes) {
            if (c == null || Area.findByCode(c).isEmpty()) {
                errors.add(new Problem.FieldError(field, "no area with code '" + c + "'"));
            }
        }
    }
}
