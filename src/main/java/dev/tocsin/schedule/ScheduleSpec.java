package dev.tocsin.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A schedule as the operator writes it, in local time of {@code zone} (an IANA id; null for the
 * configured zone). Which fields matter depends on {@code kind}: ONCE uses {@code at}; RECURRING
 * uses {@code times}, {@code from}, {@code to}; CRON uses {@code cron}, {@code from}, {@code to};
 * SEASONAL uses {@code times} on every day from {@code seasonFrom} to {@code seasonTo} (calendar
 * anchors with day offsets such as {@code SPRING_FESTIVAL-10d}) of the Gregorian {@code year};
 * CAMPAIGN uses {@code times} on the days of the seasonal calendar's {@code campaign} in {@code year}
 * (its own span and spacing, e.g. weekly through the heating season).
 */
public record ScheduleSpec(
        ScheduleKind kind,
        String zone,
        LocalDateTime at,
        List<LocalTime> times,
        LocalDate from,
        LocalDate to,
        String cron,
        String seasonFrom,
        String seasonTo,
        Integer year,
        String campaign) {

    public ScheduleSpec {
        times = times == null ? List.of() : List.copyOf(times);
    }

    /** Any kind but CAMPAIGN. */
    public ScheduleSpec(
            ScheduleKind kind,
            String zone,
            LocalDateTime at,
            List<LocalTime> times,
            LocalDate from,
            LocalDate to,
            String cron,
            String seasonFrom,
            String seasonTo,
            Integer year) {
        this(kind, zone, at, times, from, to, cron, seasonFrom, seasonTo, year, null);
    }

    public static ScheduleSpec now() {
        return new ScheduleSpec(ScheduleKind.NOW, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads JSON. {@code at} may carry an offset ({@code 2027-02-05T10:00+08:00}, as clients that
     * format instants send it): it then names that instant, kept as local time of {@code zone}, or
     * as local time at that offset when no zone is given.
     */
    @JsonCreator
    static ScheduleSpec json(
            @JsonProperty("kind") ScheduleKind kind,
            @JsonProperty("zone") String zone,
            @JsonProperty("at") At at,
            @JsonProperty("times") List<LocalTime> times,
            @JsonProperty("from") LocalDate from,
            @JsonProperty("to") LocalDate to,
            @JsonProperty("cron") String cron,
            @JsonProperty("seasonFrom") String seasonFrom,
            @JsonProperty("seasonTo") String seasonTo,
            @JsonProperty("year") Integer year,
            @JsonProperty("campaign") String campaign) {
        LocalDateTime local = null;
        if (at != null && at.offset() == null) {
            local = at.local();
        } else if (at != null && (zone == null || zone.isBlank())) {
            local = at.offset().toLocalDateTime();
            zone = at.offset().getOffset().getId();
        } else if (at != null) {
            local = inZone(at.offset(), zone);
        }
        return new ScheduleSpec(kind, zone, local, times, from, to, cron, seasonFrom, seasonTo, year, campaign);
    }

    private static LocalDateTime inZone(OffsetDateTime at, String zone) {
        try {
            return at.atZoneSameInstant(ZoneId.of(zone)).toLocalDateTime();
        } catch (DateTimeException e) {
            return at.toLocalDateTime(); // the expander refuses the zone, naming schedule.zone
        }
    }

    /** {@code at} as written: a local date-time, or one with an offset. */
    record At(LocalDateTime local, OffsetDateTime offset) {

        @JsonCreator
        static At parse(String text) {
            try {
                return new At(LocalDateTime.parse(text), null);
            } catch (DateTimeParseException notLocal) {
                try {
                    return new At(null, OffsetDateTime.parse(text));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "'" + text + "' is not a date-time like 2027-02-05T10:00" + " or 2027-02-05T10:00+08:00");
                }
            }
        }
    }
}
