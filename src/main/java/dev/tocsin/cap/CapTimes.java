package dev.tocsin.cap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** CAP dateTime: seconds precision and an explicit offset ("+08:00", never "Z"). */
final class CapTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapTimes() {}

    static String format(Instant t, ZoneId zone) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** @return null when {@code text} is null; throws DateTimeParseException when malformed */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }

    static Instant parseOrNull(String text) {
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
