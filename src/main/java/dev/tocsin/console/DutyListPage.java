package dev.tocsin.console;

import dev.tocsin.duty.DutyOverview;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.Params;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** Every 叫应, newest first, each linking to its board; times in the district's zone. */
@Path("/console/duty")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class DutyListPage {

    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ConsoleView view;
    private final DutyOverview overview;
    private final ZoneId zone;

    DutyListPage(ConsoleView view, DutyOverview overview, TocsinConfig tocsin) {
        this.view = view;
        this.overview = overview;
        this.zone = tocsin.zone();
    }

    public record Line(
            long broadcastId,
            String title,
            String colour,
            boolean open,
            String startedAt,
            long entries,
            long answered,
            long unanswered,
            long escalated) {}

    public record Listing(List<Line> lines, int page, long total) {
        public boolean previous() {
            return page > 0;
        }

        public boolean more() {
            return total > (long) (page + 1) * PAGE_SIZE;
        }

        public int previousPage() {
            return page - 1;
        }

        public int nextPage() {
            return page + 1;
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dutyList(Chrome chrome, Listing listing);
    }

    @GET
    public TemplateInstance list(@RestQuery String page) {
        int at = Params.intInRange("page", page, 0, 0, Integer.MAX_VALUE);
        DutyOverview.Page found = overview.list(at, PAGE_SIZE);
        List<Line> lines = found.calls().stream()
                .map(s -> new Line(
                        s.broadcastId(),
                        s.title(),
                        s.colour(),
                        s.state().name().equals("OPEN"),
                        TIME.format(s.startedAt().atZone(zone)),
                        s.entries(),
                        s.answered(),
                        s.unanswered(),
                        s.escalated()))
                .toList();
        return view.render(Templates.dutyList(view.chrome("duty"), new Listing(lines, at, found.total())));
    }
}
