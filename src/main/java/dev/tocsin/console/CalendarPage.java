package dev.tocsin.console;

import dev.tocsin.compose.calendar.CalendarResource;
import dev.tocsin.compose.calendar.SeasonalCalendar;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Festival dates, solar terms, heating seasons and seasonal campaigns of one year, straight
 * from the calendar API (same validation of the year).
 */
@Path("/console/calendar")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class CalendarPage {

    private final ConsoleView view;
    private final CalendarResource calendar;
    private final Clock clock;
    private final dev.tocsin.platform.TocsinConfig tocsin;

    CalendarPage(ConsoleView view, CalendarResource calendar, Clock clock, dev.tocsin.platform.TocsinConfig tocsin) {
        this.view = view;
        this.calendar = calendar;
        this.clock = clock;
        this.tocsin = tocsin;
    }

    public record Year(
            String year,
            int previous,
            int next,
            CalendarResource.CalendarView view,
            List<SeasonalCalendar.CampaignDates> campaigns,
            String error) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance calendar(Chrome chrome, Year y);
    }

    @GET
    public TemplateInstance year(@RestQuery String year) {
        int current = LocalDate.now(clock.withZone(tocsin.zone())).getYear();
        String wanted = year == null || year.isBlank() ? String.valueOf(current) : year.strip();
        try {
            List<SeasonalCalendar.CampaignDates> campaigns = calendar.campaigns(wanted);
            int y = Integer.parseInt(wanted);
            CalendarResource.CalendarView v = calendar.range(y + "-01-01", y + "-12-31");
            return view.render(
                    Templates.calendar(view.chrome("calendar"), new Year(wanted, y - 1, y + 1, v, campaigns, null)));
        } catch (ProblemException e) {
            return view.render(Templates.calendar(
                    view.chrome("calendar"),
                    new Year(
                            wanted,
                            current - 1,
                            current + 1,
                            null,
                            List.of(),
                            e.problem().detail())));
        }
    }
}
