package dev.tocsin.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code field} names the offending input for validation errors;
 * {@code errors} lists every field error when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of());
    }

    public static Problem forField(int status, String title, String field, String detail) {
        return new Problem("about:blank", title, status, detail, field, List.of(new FieldError(field, detail)));
    }

    public static Problem forFields(int status, String title, List<FieldError> errors) {
        String first = errors.isEmpty() ? null : errors.get(0).field();
        String detail = errors.isEmpty()
                ? title
                : errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(title);
        return new Problem("about:blank", title, status, detail, first, errors);
    }
}
