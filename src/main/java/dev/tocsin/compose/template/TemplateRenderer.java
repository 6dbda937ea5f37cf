package dev.tocsin.compose.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Renders rendition texts with Qute. The engine is private to templates: it has the standard
 * sections ({#if}, {#for}...) but no namespaces ({inject:}, {config:}), so template text can
 * reach nothing but its declared variables. Each text is compiled once per template version
 * (cache key: id, version, channel, language, part); versions never change, so the cache is
 * never stale.
 */
@ApplicationScoped
public class TemplateRenderer {

    private final Engine engine =
            Engine.builder().addDefaults().strictRendering(true).build();
    private final ConcurrentMap<String, Template> compiled = new ConcurrentHashMap<>();

    public String render(String cacheKey, String source, Map<String, String> values) {
        Template t = compiled.computeIfAbsent(cacheKey, k -> engine.parse(source));
        return t.data(Map.copyOf(values)).render().strip();
    }

    /** Number of compiled texts held; exposed for tests of the cache. */
    public int compiledCount() {
        return compiled.size();
    }

    /** Problems of a template text (syntax, namespaces, undeclared variables); empty when fine. */
    public List<String> check(String source, Set<String> declared) {
        Template t;
        try {
            t = engine.parse(source);
        } catch (TemplateException e) {
            return List.of("is not a valid template: " + e.getMessage());
        }
        Set<String> problems = new LinkedHashSet<>();
        for (Expression e : t.getExpressions()) {
            if (e.isLiteral()) {
                continue;
            }
            if (e.hasNamespace()) {
                problems.add("namespace '" + e.getNamespace() + ":' is not allowed in " + e.toOriginalString());
            } else if (!e.getParts().isEmpty()
                    && !declared.contains(e.getParts().get(0).getName())) {
                problems.add("uses undeclared variable '" + e.getParts().get(0).getName() + "'");
            }
        }
        return new ArrayList<>(problems);
    }
}
