package dev.tocsin.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * A schedule as the operator writes it, in local time of {@code zone} (an IANA id; null for the
 * configured zone). Which fields matter depends on {@code kind}: ONCE uses {@code at}; RECURRING
 * uses {@code times}, {@code from}, {@code to}; CRON uses {@code cron}, {@code from}, {@code to};
 * SEASONAL uses {@code times} on every day from {@code seasonFrom} to {@code seasonTo} (calendar
 * anchors with day offsets such as {@code SPRING_FESTIVAL-10d}) of the Gregorian {@code year}.
 */
public record ScheduleSpec(ScheduleKind kind, String zone, LocalDateTime at, List<LocalTime> times, LocalDate from,
        LocalDate to, String cron, String seasonFrom, String seasonTo, Integer year) {

    public ScheduleSpec {
        times = times == null ? List.of() : List.copyOf(times);
    }

    public static ScheduleSpec now() {
        return new ScheduleSpec(ScheduleKind.NOW, null, null, null, null, null, null, null, null, null);
    }
}
