package dev.tocsin.alert;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Languages, the one type for them. Notices are written in {@link #WRITTEN} (every template
 * rendition and dialect names one); residents may prefer any configured language ({@link
 * #supported()}, which may include one no notice is written in: such a resident gets the
 * fallback rendition). Matching ignores case and '_' vs '-'. Arguments are always (value, field).
 */
@ApplicationScoped
public class Languages {

    /** The languages notices are written in. */
    public static final List<String> WRITTEN = List.of("zh-CN", "en");

    private final List<String> supported;
    private final String fallback;

    Languages(
            // BCP 47 tags residents may choose; the first spelling listed is the stored one.
            @ConfigProperty(name = "tocsin.audience.supported-languages", defaultValue = "zh-CN,en")
                    List<String> supported,
            // The language of a resident whose language is not given.
            @ConfigProperty(name = "tocsin.audience.default-language", defaultValue = "zh-CN") String fallback) {
        this.supported = supported.stream().map(String::strip).toList();
        this.fallback = find(fallback)
                .orElseThrow(() -> new IllegalStateException("tocsin.audience.default-language '" + fallback
                        + "' is not in tocsin.audience.supported-languages " + this.supported));
    }

    /** A notice language, or a 400 naming {@code field} when it is missing or not one notices are written in. */
    public static String requireWritten(String language, String field) {
        if (language == null || language.isBlank()) {
            throw ProblemException.badRequest(field, "is required; one of " + String.join(", ", WRITTEN));
        }
        if (!WRITTEN.contains(language)) {
            throw ProblemException.badRequest(
                    field, "unsupported language '" + language + "'; one of " + String.join(", ", WRITTEN));
        }
        return language;
    }

    /** The languages residents may prefer, as configured. */
    public List<String> supported() {
        return supported;
    }

    public String fallback() {
        return fallback;
    }

    /** The supported spelling of {@code raw}, if residents may prefer it. */
    public Optional<String> find(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String tag = Locale.forLanguageTag(raw.strip().replace('_', '-')).toLanguageTag();
        return supported.stream().filter(s -> s.equalsIgnoreCase(tag)).findFirst();
    }

    /** A resident's language: blank gives the fallback; anything unsupported is a 400 naming {@code field}. */
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
