package dev.tocsin.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.compose.template.VariableType;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.schedule.ScheduleExpander;
import dev.tocsin.schedule.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Template variables that take their dates from the broadcast's schedule, so that a notice that
 * repeats every year says that year's dates without retyping: {@code "@schedule"} for a date range
 * (the first to the last day the schedule covers: a season, a campaign, a daily run),
 * {@code "@schedule.from"} and {@code "@schedule.to"} for a date, and a calendar anchor with an
 * optional day offset ({@code "@SPRING_FESTIVAL"}, {@code "@QINGMING-1d"}) for the first such day
 * from the schedule's first day on. The stored broadcast keeps the reference; it is resolved
 * each time the broadcast is rendered.
 */
@ApplicationScoped
public class ScheduleVariables {

    static final String HOW =
            "use @schedule for a date range, @schedule.from, @schedule.to or a calendar anchor such as"
                    + " @SPRING_FESTIVAL or @QINGMING-1d for a date";

    private final TemplateCatalogue catalogue;
    private final ScheduleExpander expander;
    private final Clock clock;

    ScheduleVariables(TemplateCatalogue catalogue, ScheduleExpander expander, Clock clock) {
        this.catalogue = catalogue;
        this.expander = expander;
        this.clock = clock;
    }

    /** Whether a value is a reference to the schedule rather than a value of its own. */
    public static boolean isReference(JsonNode value) {
        return value != null && value.isTextual() && value.asText().strip().startsWith("@");
    }

    /**
     * The variables with every reference replaced by dates from {@code schedule}; the same map when
     * there is none.
     *
     * @throws ProblemException 400 naming {@code variables.<name>} for a reference that is unknown
     *         or does not fit the variable's type, or the schedule's field when it cannot be read
     */
    public Map<String, JsonNode> resolve(
            String templateId, Integer templateVersion, Map<String, JsonNode> variables, ScheduleSpec schedule) {
        if (variables == null || variables.values().stream().noneMatch(ScheduleVariables::isReference)) {
            return variables;
        }
        Map<String, VariableType> types = types(templateId, templateVersion);
        if (types == null) {
            return variables; // an unknown template: rendering names templateId
        }
        if (schedule == null) {
            throw ProblemException.badRequest("schedule", "is required: a variable takes its dates from it");
        }
        ScheduleExpander.Span span = expander.span(schedule, clock.instant());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : variables.entrySet()) {
            if (!isReference(e.getValue()) || !types.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue()); // not a reference, or unknown: rendering names it
                continue;
            }
            try {
                out.put(
                        e.getKey(),
                        value(types.get(e.getKey()), e.getValue().asText().strip(), span));
            } catch (IllegalArgumentException bad) {
                errors.add(new Problem.FieldError("variables." + e.getKey(), bad.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return out;
    }

    /**
     * The date variables given a fixed date rather than a reference: next year they would be
     * wrong, so a broadcast that repeats every year refuses them.
     */
    List<String> fixedDates(String templateId, Integer templateVersion, Map<String, JsonNode> variables) {
        Map<String, VariableType> types = types(templateId, templateVersion);
        List<String> out = new ArrayList<>();
        if (types == null || variables == null) {
            return out;
        }
        variables.forEach((name, value) -> {
            VariableType type = types.get(name);
            boolean date = type == VariableType.DATE || type == VariableType.DATE_RANGE;
            if (date && value != null && !value.isNull() && !isReference(value)) {
                out.add(name);
            }
        });
        return out;
    }

    private JsonNode value(VariableType type, String reference, ScheduleExpander.Span span) {
        String name = reference.substring(1);
        if (type == VariableType.DATE_RANGE) {
            if (!name.equals("schedule")) {
                throw new IllegalArgumentException("'" + reference + "' is not a date range; " + HOW);
            }
            ObjectNode range = JsonNodeFactory.instance.objectNode();
            range.put("from", span.from().toString());
            range.put("to", span.to().toString());
            return range;
        }
        if (type != VariableType.DATE) {
            throw new IllegalArgumentException(
                    "only date and date-range variables take their value from the schedule; give a " + type.id());
        }
        LocalDate date = switch (name) {
            case "schedule" ->
                throw new IllegalArgumentException(
                        "@schedule is a date range; for a date " + "use @schedule.from or @schedule.to");
            case "schedule.from" -> span.from();
            case "schedule.to" -> span.to();
            default -> anchor(reference, name, span.from());
        };
        return TextNode.valueOf(date.toString());
    }

    private LocalDate anchor(String reference, String name, LocalDate from) {
        try {
            return expander.anchorOnOrAfter(name, from);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + reference + "' is not a schedule reference: " + HOW);
        }
    }

    private Map<String, VariableType> types(String templateId, Integer templateVersion) {
        if (templateId == null || templateId.isBlank()) {
            return null;
        }
        TemplateDefinition definition;
        try {
            definition = catalogue.version(templateId, templateVersion).definition();
        } catch (ProblemException unknown) {
            return null;
        }
        Map<String, VariableType> types = new LinkedHashMap<>();
        definition.variablesOrEmpty().forEach(v -> types.put(v.name(), v.type()));
        return types;
    }
}
