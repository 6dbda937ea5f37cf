package dev.tocsin.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tocsin.compose.calendar.AnchorOffset;
import dev.tocsin.compose.calendar.SeasonalCalendar;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a schedule spec into UTC instants. Local times are resolved in the spec's zone with
 * java.time's rules: a time skipped by a DST change moves forward by the gap, a repeated one
 * takes the earlier offset, so "07:00 daily" stays 07:00 local across the change.
 */
@ApplicationScoped
public class ScheduleExpander {

    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final TocsinConfig tocsin;
    private final ScheduleConfig config;
    private final SeasonalCalendar calendar;

    ScheduleExpander(TocsinConfig tocsin, ScheduleConfig config, SeasonalCalendar calendar) {
        this.tocsin = tocsin;
        this.config = config;
        this.calendar = calendar;
    }

    public ZoneId zone(ScheduleSpec spec) {
        if (spec.zone() == null || spec.zone().isBlank()) {
            return tocsin.zone();
        }
        try {
            return ZoneId.of(spec.zone());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("schedule.zone", "unknown time zone '" + spec.zone() + "'");
        }
    }

    /** The firing instants in order; 400 naming the field for a spec that cannot be fired. */
    public List<Instant> expand(ScheduleSpec spec, Instant now) {
        if (spec == null || spec.kind() == null) {
            throw ProblemException.badRequest(
                    "schedule.kind", "must be one of now, once, recurring, cron, seasonal, campaign");
        }
        ZoneId zone = zone(spec);
        List<Instant> out = switch (spec.kind()) {
            case NOW -> List.of(now);
            case ONCE -> once(spec, zone, now);
            case RECURRING -> recurring(spec, zone, now);
            case CRON -> cron(spec, zone, now);
            case SEASONAL -> recurring(seasonal(spec), zone, now);
            case CAMPAIGN -> campaign(spec, zone, now);
        };
        if (out.isEmpty()) {
            throw ProblemException.badRequest("schedule", "has no occurrence in the future");
        }
        if (out.stream().anyMatch(i -> i.isAfter(LAST_STORABLE))) {
            throw ProblemException.badRequest(
                    spec.kind() == ScheduleKind.ONCE ? "schedule.at" : "schedule",
                    "occurrences must fall before 2038-01-19 (the production database's timestamp range)");
        }
        return out;
    }

    /** MariaDB's TIMESTAMP ends here; a later occurrence could not be stored (it was a 500). */
    private static final Instant LAST_STORABLE = Instant.parse("2038-01-19T03:14:07Z");

    private List<Instant> once(ScheduleSpec spec, ZoneId zone, Instant now) {
        if (spec.at() == null) {
            throw ProblemException.badRequest("schedule.at", "is required for a one-off schedule");
        }
        Instant at = spec.at().atZone(zone).toInstant();
        if (at.isBefore(now)) {
            throw ProblemException.badRequest("schedule.at", "is in the past");
        }
        return List.of(at);
    }

    private void checkRange(ScheduleSpec spec) {
        if (spec.from() == null) {
            throw ProblemException.badRequest("schedule.from", "is required");
        }
        if (spec.to() == null) {
            throw ProblemException.badRequest("schedule.to", "is required");
        }
        if (spec.to().isBefore(spec.from())) {
            throw ProblemException.badRequest("schedule.to", "is before schedule.from");
        }
    }

    private List<Instant> recurring(ScheduleSpec spec, ZoneId zone, Instant now) {
        checkRange(spec);
        if (spec.times().isEmpty()) {
            throw ProblemException.badRequest("schedule.times", "needs at least one time of day");
        }
        List<LocalTime> times = spec.times().stream().distinct().sorted().toList();
        List<Instant> out = new ArrayList<>();
        for (LocalDate d = spec.from(); !d.isAfter(spec.to()); d = d.plusDays(1)) {
            for (LocalTime t : times) {
                Instant at = ZonedDateTime.of(d, t, zone).toInstant();
                if (!at.isBefore(now)) {
                    add(out, at);
                }
            }
        }
        return out;
    }

    /** Resolves the anchors to dates, giving a RECURRING spec. */
    private ScheduleSpec seasonal(ScheduleSpec spec) {
        if (spec.year() == null
                || spec.year() < SeasonalCalendar.FIRST_YEAR
                || spec.year() > SeasonalCalendar.LAST_YEAR) {
            throw ProblemException.badRequest(
                    "schedule.year",
                    "must be a year from " + SeasonalCalendar.FIRST_YEAR + " to " + SeasonalCalendar.LAST_YEAR);
        }
        LocalDate from = anchor("schedule.seasonFrom", spec.seasonFrom(), spec.year());
        LocalDate to = anchor("schedule.seasonTo", spec.seasonTo(), spec.year());
        if (to.isBefore(from)) {
            // The season starts in `year` and crosses New Year (heating season 11-15 to 03-15,
            // WINTER_SOLSTICE to SPRING_FESTIVAL): it ends at the end anchor's next occurrence.
            if (spec.year() + 1 > SeasonalCalendar.LAST_YEAR) {
                throw ProblemException.badRequest(
                        "schedule.seasonTo", "falls after " + SeasonalCalendar.LAST_YEAR + ", beyond the calendar");
            }
            to = anchor("schedule.seasonTo", spec.seasonTo(), spec.year() + 1);
        }
        return new ScheduleSpec(
                ScheduleKind.RECURRING, spec.zone(), null, spec.times(), from, to, null, null, null, null);
    }

    /** The first and last day the schedule covers, in its zone (a NOW schedule: today). */
    public record Span(LocalDate from, LocalDate to) {}

    /** The days a schedule covers; 400 naming the field for a spec that cannot be read. */
    public Span span(ScheduleSpec spec, Instant now) {
        if (spec == null || spec.kind() == null) {
            throw ProblemException.badRequest(
                    "schedule.kind", "must be one of now, once, recurring, cron, seasonal, campaign");
        }
        ZoneId zone = zone(spec);
        return switch (spec.kind()) {
            case NOW ->
                new Span(now.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
            case ONCE -> {
                if (spec.at() == null) {
                    throw ProblemException.badRequest("schedule.at", "is required for a one-off schedule");
                }
                yield new Span(spec.at().toLocalDate(), spec.at().toLocalDate());
            }
            case RECURRING, CRON -> {
                checkRange(spec);
                yield new Span(spec.from(), spec.to());
            }
            case SEASONAL -> {
                ScheduleSpec days = seasonal(spec);
                yield new Span(days.from(), days.to());
            }
            case CAMPAIGN -> {
                checkYear(spec);
                List<LocalDate> days = calendar.expand(campaignRule(spec), spec.year());
                yield new Span(days.get(0), days.get(days.size() - 1));
            }
        };
    }

    /**
     * The first date on or after {@code from} of a calendar anchor with an optional day offset
     * ({@code SPRING_FESTIVAL}, {@code QINGMING-1d}): the festival a notice for those days speaks of.
     *
     * @throws IllegalArgumentException for text that is no anchor, or a date beyond the calendar
     */
    public LocalDate anchorOnOrAfter(String text, LocalDate from) {
        AnchorOffset anchor = AnchorOffset.parse(text);
        for (int year = from.getYear() - 1; year <= from.getYear() + 1; year++) {
            if (year < SeasonalCalendar.FIRST_YEAR || year > SeasonalCalendar.LAST_YEAR) {
                continue;
            }
            LocalDate d = calendar.date(anchor, year);
            if (!d.isBefore(from)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' falls beyond the calendar after " + from);
    }

    /** The campaign's own days (its span and spacing in that year) at the listed times. */
    private List<Instant> campaign(ScheduleSpec spec, ZoneId zone, Instant now) {
        checkYear(spec);
        SeasonalCalendar.CampaignRule rule = campaignRule(spec);
        if (spec.times().isEmpty()) {
            throw ProblemException.badRequest("schedule.times", "needs at least one time of day");
        }
        List<LocalTime> times = spec.times().stream().distinct().sorted().toList();
        List<Instant> out = new ArrayList<>();
        for (LocalDate d : calendar.expand(rule, spec.year())) {
            for (LocalTime t : times) {
                Instant at = ZonedDateTime.of(d, t, zone).toInstant();
                if (!at.isBefore(now)) {
                    add(out, at);
                }
            }
        }
        return out;
    }

    private SeasonalCalendar.CampaignRule campaignRule(ScheduleSpec spec) {
        if (spec.campaign() == null || spec.campaign().isBlank()) {
            throw ProblemException.badRequest("schedule.campaign", "is required: " + campaignIds());
        }
        return calendar.campaigns().stream()
                .filter(c -> c.id().equals(spec.campaign().strip()))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest(
                        "schedule.campaign", "no campaign '" + spec.campaign() + "': " + campaignIds()));
    }

    private String campaignIds() {
        return "one of "
                + calendar.campaigns().stream()
                        .map(SeasonalCalendar.CampaignRule::id)
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    private static void checkYear(ScheduleSpec spec) {
        if (spec.year() == null
                || spec.year() < SeasonalCalendar.FIRST_YEAR
                || spec.year() > SeasonalCalendar.LAST_YEAR - 1) {
            throw ProblemException.badRequest(
                    "schedule.year",
                    "must be a year from " + SeasonalCalendar.FIRST_YEAR + " to " + (SeasonalCalendar.LAST_YEAR - 1));
        }
    }

    private LocalDate anchor(String field, String text, int year) {
        try {
            return calendar.date(AnchorOffset.parse(text), year);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private List<Instant> cron(ScheduleSpec spec, ZoneId zone, Instant now) {
        checkRange(spec);
        ExecutionTime execution;
        try {
            execution = ExecutionTime.forCron(QUARTZ.parse(spec.cron() == null ? "" : spec.cron()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "schedule.cron", "is not a valid Quartz cron expression: " + e.getMessage());
        }
        ZonedDateTime end = spec.to().plusDays(1).atStartOfDay(zone);
        ZonedDateTime cursor = spec.from().atStartOfDay(zone).minusNanos(1);
        ZonedDateTime floor = now.atZone(zone).minusNanos(1);
        if (floor.isAfter(cursor)) {
            cursor = floor;
        }
        List<Instant> out = new ArrayList<>();
        Optional<ZonedDateTime> next = execution.nextExecution(cursor);
        while (next.isPresent() && next.get().isBefore(end)) {
            add(out, next.get().toInstant());
            next = execution.nextExecution(next.get());
        }
        return out;
    }

    private void add(List<Instant> out, Instant at) {
        if (out.size() >= config.maxOccurrences()) {
            throw ProblemException.badRequest(
                    "schedule", "expands to more than " + config.maxOccurrences() + " occurrences");
        }
        out.add(at);
    }
}
