package dev.tocsin.compose;

import dev.tocsin.platform.problem.ProblemException;
import java.util.List;

/** Languages notices are written in. A rendition or dialect names one of these. */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("zh-CN", "en");

    private Languages() {}

    /** The language, or a 400 naming {@code field} when it is missing or not supported. */
    public static String require(String field, String language) {
        if (language == null || language.isBlank()) {
            throw ProblemException.badRequest(field, "is required; one of " + String.join(", ", SUPPORTED));
        }
        if (!SUPPORTED.contains(language)) {
            throw ProblemException.badRequest(
                    field, "unsupported language '" + language + "'; one of " + String.join(", ", SUPPORTED));
        }
        return language;
    }
}
