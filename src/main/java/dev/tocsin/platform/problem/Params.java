package dev.tocsin.platform.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses query parameters with errors that name the parameter. JAX-RS would answer a failed
 * conversion of a typed @QueryParam with 404, which tells the caller nothing.
 */
public final class Params {

    private Params() {}

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 instant such as 2027-01-05T07:00:00Z");
        }
    }

    public static int intInRange(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number");
        }
    }

    /** A numeric path id, e.g. {@code /broadcasts/{id}}; text is a 400 naming the parameter. */
    public static long id(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a number");
        }
    }
}
