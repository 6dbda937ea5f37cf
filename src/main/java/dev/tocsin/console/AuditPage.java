package dev.tocsin.console;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail, filtered by actor, subject prefix and a range of days in the district's zone. */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.APPROVER_NAME, Role.ADMIN_NAME})
public class AuditPage {

    static final int LIMIT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleView view;
    private final AuditLog audit;
    private final ZoneId zone;

    AuditPage(ConsoleView view, AuditLog audit, TocsinConfig tocsin) {
        this.view = view;
        this.audit = audit;
        this.zone = tocsin.zone();
    }

    /** The filter as typed, with an error per field that could not be read. */
    public record Filter(String actor, String subject, String from, String to, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }

        public boolean active() {
            return !actor.isEmpty() || !subject.isEmpty() || !from.isEmpty() || !to.isEmpty();
        }
    }

    public record Row(String at, String actor, String action, String subject, String detail) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audit(
                Chrome chrome, Filter filter, List<Row> rows, boolean limited, int limit, String zone);
    }

    @GET
    public Response search(
            @RestQuery String actor, @RestQuery String subject, @RestQuery String from, @RestQuery String to) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDay = parseDay("from", from, errors);
        LocalDate toDay = parseDay("to", to, errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.put("to", "toBeforeFrom");
        }
        Filter filter = new Filter(trim(actor), trim(subject), trim(from), trim(to), errors);
        List<Row> rows = List.of();
        if (errors.isEmpty()) {
            Instant start = fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant();
            Instant end =
                    toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant();
            rows =
                    audit
                            .search(blankToNull(filter.actor()), blankToNull(filter.subject()), start, end, LIMIT + 1)
                            .stream()
                            .map(e -> new Row(
                                    TIME.format(e.at().atZone(zone)),
                                    e.actor(),
                                    e.action(),
                                    e.subject(),
                                    e.detail() == null ? "" : e.detail()))
                            .toList();
        }
        boolean limited = rows.size() > LIMIT;
        String html = view.render(Templates.audit(
                        view.chrome("audit"),
                        filter,
                        limited ? rows.subList(0, LIMIT) : rows,
                        limited,
                        LIMIT,
                        zone.getId()))
                .render();
        return Response.status(errors.isEmpty() ? 200 : 400)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build();
    }

    /** Dates arrive as text and are read here, so a bad one is a field error, not a 404. */
    private static LocalDate parseDay(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "invalidDate");
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
