package dev.tocsin.console;

import dev.tocsin.duty.DutyRecords;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A broadcast's 叫应 board: who was reached, who answered (by what, when), who was escalated to
 * whom, the unanswered. Read through {@link DutyRecords}, as the API's record; times in the
 * district's zone.
 */
@Path("/console/broadcasts/{id}/duty")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class DutyBoardPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleView view;
    private final DutyRecords records;
    private final ZoneId zone;

    DutyBoardPage(ConsoleView view, DutyRecords records, TocsinConfig tocsin) {
        this.view = view;
        this.records = records;
        this.zone = tocsin.zone();
    }

    /** One person on the board, as shown. */
    public record Who(String name, String role, String rank, String mobile) {}

    public record Row(
            Who person,
            String area,
            String messagedAt,
            String state,
            Who answeredBy,
            String answerChannel,
            String answeredAt,
            Who backup,
            String backupAt,
            Who superior,
            String superiorAt,
            String note,
            List<Call> calls) {}

    /** One voice call of an entry: its step and attempt, when it was placed, how it ended. */
    public record Call(String step, int attempt, String to, String at, String state, String outcome, String digits) {}

    public record OptOut(String at, Who person, String body) {}

    /** The board; {@code exists} false when the broadcast has no 叫应. */
    public record Board(
            long broadcastId,
            boolean exists,
            String colour,
            boolean open,
            String startedAt,
            String closedAt,
            String closedReason,
            int reached,
            int answered,
            int unanswered,
            int toBackup,
            int toSuperior,
            Long firstAnswerSeconds,
            List<Row> rows,
            List<OptOut> optOuts) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance duty(Chrome chrome, Board board);

        static native TemplateInstance dutyLive(Board board);
    }

    /** What the board polls while the 叫应 is open: its figures and table as HTML. */
    public record Live(boolean open, int answered, int unanswered, String html) {}

    @GET
    public TemplateInstance page(@RestPath long id) {
        return view.render(Templates.duty(view.chrome("duty"), board(id)));
    }

    @GET
    @Path("live")
    @Produces(MediaType.APPLICATION_JSON)
    public Live live(@RestPath long id) {
        Board b = board(id);
        String html = b.exists() ? view.render(Templates.dutyLive(b)).render() : "";
        return new Live(b.open(), b.answered(), b.unanswered(), html);
    }

    private Board board(long id) {
        DutyRecords.Record r;
        try {
            r = records.record(id);
        } catch (ProblemException e) {
            if (e.problem().status() == 404 && e.problem().detail().contains("has no")) {
                return new Board(id, false, null, false, null, null, null, 0, 0, 0, 0, 0, null, List.of(), List.of());
            }
            throw e;
        }
        List<Row> rows = r.entries().stream()
                .map(e -> new Row(
                        who(e.person()),
                        e.person().area(),
                        time(e.messagedAt()),
                        e.state().name(),
                        who(e.answeredBy()),
                        e.answerChannel() == null ? null : e.answerChannel().id(),
                        time(e.answeredAt()),
                        who(e.backup()),
                        time(e.backupAt()),
                        who(e.superior()),
                        time(e.superiorAt()),
                        e.note(),
                        e.calls() == null
                                ? List.of()
                                : e.calls().stream()
                                        .map(c -> new Call(
                                                c.step(),
                                                c.attempt(),
                                                c.to() == null ? null : c.to().name(),
                                                time(c.placedAt()),
                                                c.state(),
                                                c.outcome(),
                                                c.digits()))
                                        .toList()))
                .toList();
        List<OptOut> optOuts = r.optOuts().stream()
                .map(o -> new OptOut(time(o.at()), who(o.person()), o.body()))
                .toList();
        return new Board(
                id,
                true,
                r.colour(),
                r.state().name().equals("OPEN"),
                time(r.startedAt()),
                time(r.closedAt()),
                r.closedReason(),
                r.reached(),
                r.answered(),
                r.unanswered(),
                r.escalatedToBackup(),
                r.escalatedToSuperior(),
                r.firstAnswerSeconds(),
                rows,
                optOuts);
    }

    private static Who who(DutyRecords.PersonRef p) {
        return p == null ? null : new Who(p.name(), p.role().id(), p.rank().id(), p.mobile());
    }

    private String time(Instant at) {
        return at == null ? null : TIME.format(at.atZone(zone));
    }
}
