package dev.tocsin.cap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A trigger rule. Every non-empty list in {@code match} must match one info of the alert
 * (values OR-ed within a list); {@code areaCodes} is required. {@code draft} says what
 * broadcast to propose. See docs/CAP.md for the variable sources.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleDefinition(String name, Boolean enabled, Match match, Draft draft) {

    /** events: case-insensitive substrings of event or headline; languages: prefixes ("zh" matches "zh-CN"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(
            List<String> events,
            List<String> categories,
            List<String> severities,
            List<String> urgencies,
            List<String> languages,
            List<String> areaCodes) {}

    /**
     * status null: the alert's own (Actual, Exercise, Test). audienceAreaCodes null: match.areaCodes.
     * variables: template variable name to source expression, e.g. "parameter:minTemperature|-5".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Draft(
            String templateId,
            String language,
            List<String> channels,
            String priority,
            String status,
            List<String> audienceAreaCodes,
            Map<String, String> variables,
            JsonNode schedule) {}

    List<String> audience() {
        return draft.audienceAreaCodes() == null || draft.audienceAreaCodes().isEmpty()
                ? match.areaCodes()
                : draft.audienceAreaCodes();
    }
}
