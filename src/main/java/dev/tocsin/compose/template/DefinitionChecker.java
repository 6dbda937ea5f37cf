package dev.tocsin.compose.template;

import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Languages;
import dev.tocsin.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules a template definition must meet beyond its field constraints: unique variable names,
 * valid variable rules and defaults, renditions in supported languages, one per channel and
 * language, an SMS and a loudspeaker rendition in zh-CN at least, and texts that only use
 * declared variables.
 */
@ApplicationScoped
public class DefinitionChecker {

    private final TemplateRenderer renderer;

    DefinitionChecker(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    public List<Problem.FieldError> check(TemplateDefinition d) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<TemplateDefinition.VariableDefinition> vars = d.variablesOrEmpty();
        for (int i = 0; i < vars.size(); i++) {
            TemplateDefinition.VariableDefinition v = vars.get(i);
            if (!names.add(v.name())) {
                errors.add(new Problem.FieldError("variables[" + i + "].name", "'" + v.name() + "' is declared twice"));
            }
            String problem = Variables.checkDefinition(v);
            if (problem != null) {
                errors.add(new Problem.FieldError("variables[" + i + "]", problem));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.renditions().size(); i++) {
            TemplateDefinition.RenditionDefinition r = d.renditions().get(i);
            String field = "renditions[" + i + "]";
            if (!Languages.WRITTEN.contains(r.language())) {
                errors.add(new Problem.FieldError(
                        field + ".language",
                        "unsupported language '" + r.language() + "'; one of " + String.join(", ", Languages.WRITTEN)));
            }
            if (!r.channel().hasRendition()) {
                errors.add(new Problem.FieldError(
                        field + ".channel",
                        r.channel().id() + " has no rendition: it plays the loudspeaker programme"));
            }
            if (!seen.add(r.channel().id() + "/" + r.language())) {
                errors.add(new Problem.FieldError(
                        field, "a second " + r.channel().id() + " rendition in " + r.language()));
            }
            renderer.check(r.text(), names).forEach(p -> errors.add(new Problem.FieldError(field + ".text", p)));
            if (r.key() != null) {
                if (r.channel() != Channel.LOUDSPEAKER) {
                    errors.add(new Problem.FieldError(
                            field + ".key", "only loudspeaker renditions have a key instruction"));
                }
                renderer.check(r.key(), names).forEach(p -> errors.add(new Problem.FieldError(field + ".key", p)));
            }
        }
        for (Channel c : Channel.values()) {
            if (c.hasRendition() && !seen.contains(c.id() + "/zh-CN")) {
                errors.add(new Problem.FieldError("renditions", "needs a " + c.id() + " rendition in zh-CN"));
            }
        }
        if (d.name() != null) {
            String unknown = d.name().keySet().stream()
                    .filter(l -> !Languages.WRITTEN.contains(l))
                    .collect(Collectors.joining(", "));
            if (!unknown.isEmpty()) {
                errors.add(new Problem.FieldError("name", "unsupported language " + unknown));
            }
        }
        return errors;
    }
}
