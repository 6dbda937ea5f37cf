package dev.tocsin.audience;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Resident tags: lowercase words with digits, '-' or '_' ("elderly", "market-vendor", "独居老人"). */
public final class Tags {

    public static final int MAX_PER_RESIDENT = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{0,63}");
    /** Separators accepted in one CSV cell, including the full-width semicolon of Chinese input. */
    public static final Pattern CELL_SEPARATOR = Pattern.compile("[;|；]");

    private Tags() {}

    public static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
    }

    public static boolean valid(String normalised) {
        return TAG.matcher(normalised).matches();
    }

    /**
     * Normalises every tag; throws IllegalArgumentException naming the first bad one. Blank
     * entries are ignored so that "elderly;" is fine.
     */
    public static Set<String> normaliseAll(Iterable<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (String r : raw) {
            if (r == null || r.isBlank()) {
                continue;
            }
            String t = normalise(r);
            if (!valid(t)) {
                throw new IllegalArgumentException("tag '" + r.strip()
                        + "' is invalid: up to 64 letters, digits, '-' or '_', starting with a letter or digit");
            }
            out.add(t);
        }
        if (out.size() > MAX_PER_RESIDENT) {
            throw new IllegalArgumentException("at most " + MAX_PER_RESIDENT + " tags");
        }
        return out;
    }
}
