package dev.tocsin.audience;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages residents may choose, as configured; matching ignores case and '_' vs '-'. */
@ApplicationScoped
public class Languages {

    private final List<String> supported;
    private final String fallback;

    Languages(AudienceConfig config) {
        this.supported = config.supportedLanguages().stream().map(String::strip).toList();
        this.fallback = find(config.defaultLanguage())
                .orElseThrow(() -> new IllegalStateException("tocsin.audience.default-language '"
                        + config.defaultLanguage() + "' is not in tocsin.audience.supported-languages " + supported));
    }

    public List<String> supported() {
        return supported;
    }

    public String fallback() {
        return fallback;
    }

    /** The supported spelling of {@code raw}, if it is supported. */
    public Optional<String> find(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String tag = Locale.forLanguageTag(raw.strip().replace('_', '-')).toLanguageTag();
        return supported.stream().filter(s -> s.equalsIgnoreCase(tag)).findFirst();
    }

    /** Blank gives the default language; anything unsupported is a 400 naming {@code field}. */
    public String require(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return find(raw).orElseThrow(() -> ProblemException.badRequest(field, unsupported(raw)));
    }

    public String unsupported(String raw) {
        return "language '" + raw.strip() + "' is not supported; use one of " + String.join(", ", supported);
    }
}
