package dev.tocsin.console;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages the console speaks. The tag is what the cookie, the URL and {@code lang} carry. */
public enum ConsoleLanguage {
    ZH_CN("zh-CN", "中文"),
    EN("en", "English");

    public static final String COOKIE = "tocsin-lang";

    private final String tag;
    private final String label;

    ConsoleLanguage(String tag, String label) {
        this.tag = tag;
        this.label = label;
    }

    public String tag() {
        return tag;
    }

    /** The language's own name, so that a reader who cannot read the current one finds theirs. */
    public String label() {
        return label;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    public static Optional<ConsoleLanguage> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(l -> l.tag.equalsIgnoreCase(tag.trim()))
                .findFirst();
    }

    /** The best match for an Accept-Language header, any Chinese variant counting as zh-CN. */
    public static Optional<ConsoleLanguage> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            for (Locale.LanguageRange range : ranges) {
                String r = range.getRange().toLowerCase(Locale.ROOT);
                if (range.getWeight() == 0) {
                    continue;
                }
                if (r.startsWith("zh")) {
                    return Optional.of(ZH_CN);
                }
                if (r.startsWith("en")) {
                    return Optional.of(EN);
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header is treated as absent.
        }
        return Optional.empty();
    }
}
