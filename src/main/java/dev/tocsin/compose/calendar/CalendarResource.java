package dev.tocsin.compose.calendar;

import dev.tocsin.compose.ComposeConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The seasonal calendar: festival, solar-term and heating-season dates, and campaign expansions. */
@Path("/api/calendar")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class CalendarResource {

    private final SeasonalCalendar calendar;
    private final int maxRangeYears;

    CalendarResource(SeasonalCalendar calendar, ComposeConfig config) {
        this.calendar = calendar;
        this.maxRangeYears = config.calendar().maxRangeYears();
    }

    public record CalendarView(
            LocalDate from,
            LocalDate to,
            List<SeasonalCalendar.CalendarEvent> events,
            List<SeasonalCalendar.Window> heatingSeasons) {}

    @GET
    public CalendarView range(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LocalDate from = parseDate("from", fromText);
        LocalDate to = parseDate("to", toText);
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("to", "must not be before from");
        }
        if (to.isAfter(from.plusYears(maxRangeYears))) {
            throw ProblemException.badRequest("to", "the range may span at most " + maxRangeYears + " years");
        }
        return new CalendarView(from, to, calendar.events(from, to), calendar.heatingSeasons(from, to));
    }

    @GET
    @Path("campaigns")
    public List<SeasonalCalendar.CampaignDates> campaigns(@QueryParam("year") String yearText) {
        int year = parseYear(yearText);
        return calendar.campaigns().stream()
                .map(c -> calendar.expand(c.id(), year))
                .toList();
    }

    private static LocalDate parseDate(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(field, "is required (YYYY-MM-DD)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
        if (date.getYear() < SeasonalCalendar.FIRST_YEAR || date.getYear() > SeasonalCalendar.LAST_YEAR) {
            throw ProblemException.badRequest(
                    field, "must be in " + SeasonalCalendar.FIRST_YEAR + "-" + SeasonalCalendar.LAST_YEAR);
        }
        return date;
    }

    private static int parseYear(String text) {
        try {
            int year = Integer.parseInt(text == null ? "" : text.trim());
            // Winter campaigns end in the following year, so the last year is excluded.
            if (year >= SeasonalCalendar.FIRST_YEAR && year < SeasonalCalendar.LAST_YEAR) {
                return year;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw ProblemException.badRequest(
                "year",
                "must be a year from " + SeasonalCalendar.FIRST_YEAR + " to " + (SeasonalCalendar.LAST_YEAR - 1));
    }
}
