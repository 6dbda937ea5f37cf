package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.alert.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The content of one template version, as stored (JSON) and as edited by admins: names,
 * CAP defaults, typed variables and the renditions per channel and language. Rendition texts
 * are Qute templates that may only reference the declared variables.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateDefinition(
        @Pattern(
                regexp = "[a-z][a-z0-9-]{1,63}",
                message = "2-64 lowercase letters, digits or '-', starting with a letter")
        String id,

        @NotEmpty Map<String, @NotNull @Size(min = 1, max = 200) String> name,
        @NotNull CapCategory category,
        @NotNull CapSeverity severity,
        @NotNull CapUrgency urgency,
        @NotNull CapCertainty certainty,
        @Min(1) @Max(10) Integer smsSegmentLimit,
        List<@Valid @NotNull VariableDefinition> variables,
        @NotEmpty List<@Valid @NotNull RenditionDefinition> renditions) {

    /**
     * A variable: its type and the rules a value must meet. {@code unit} is appended to a
     * number, per language; {@code defaultValue} is used when the value is not given.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariableDefinition(
            @NotNull
            @Pattern(regexp = "[a-z][A-Za-z0-9]{0,39}", message = "must be a camelCase name of letters and digits")
            String name,

            @NotNull VariableType type,
            boolean required,
            Map<String, String> label,
            Map<String, String> unit,
            BigDecimal min,
            BigDecimal max,
            @Min(1) @Max(500) Integer maxLength,
            @Size(max = 200) String pattern,
            @Size(max = 200) String defaultValue,
            // Date only: the day of the week follows the date (2月13日星期六, Saturday 13 Feb).
            Boolean weekday) {}

    /**
     * One rendition. {@code key} is the key instruction that loudspeaker phrasing repeats
     * (loudspeaker only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenditionDefinition(
            @NotNull Channel channel,
            @NotNull String language,
            @NotNull @Size(min = 1, max = 2000) String text,
            @Size(max = 500) String key) {}

    public List<VariableDefinition> variablesOrEmpty() {
        return variables == null ? List.of() : variables;
    }

    public TemplateDefinition withId(String newId) {
        return new TemplateDefinition(
                newId, name, category, severity, urgency, certainty, smsSegmentLimit, variables, renditions);
    }
}
