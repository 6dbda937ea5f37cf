package dev.tocsin.compose.calendar;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An anchor plus a day offset, written {@code SPRING_FESTIVAL-10d}, {@code QINGMING+1d} or {@code QINGMING}. */
public record AnchorOffset(Anchor anchor, int days) {

    private static final Pattern FORM = Pattern.compile("([A-Z_]+)\\s*(?:([+-])\\s*(\\d{1,3})\\s*d)?");

    public static AnchorOffset parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not ANCHOR, ANCHOR+Nd or ANCHOR-Nd");
        }
        Anchor anchor = Arrays.stream(Anchor.values())
                .filter(a -> a.name().equals(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown anchor '" + m.group(1) + "'; must be one of "
                        + Arrays.stream(Anchor.values()).map(Enum::name).collect(Collectors.joining(", "))));
        int days = m.group(2) == null
                ? 0
                : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
        return new AnchorOffset(anchor, days);
    }

    @Override
    public String toString() {
        return days == 0 ? anchor.name() : anchor.name() + (days > 0 ? "+" : "") + days + "d";
    }
}
