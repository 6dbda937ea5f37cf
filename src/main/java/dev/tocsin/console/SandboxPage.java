package dev.tocsin.console;

import dev.tocsin.sandbox.SandboxGate;
import dev.tocsin.sandbox.SandboxMessage;
import dev.tocsin.sandbox.SandboxService;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * What the simulated carrier received, newest first, optionally for one number (the status counts
 * cover numbers starting with it). Exists only while the built-in sandbox is on.
 */
@Path("/console/sandbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class SandboxPage {

    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleView view;
    private final SandboxGate gate;
    private final SandboxService sandbox;
    private final dev.tocsin.platform.TocsinConfig tocsin;

    SandboxPage(ConsoleView view, SandboxGate gate, SandboxService sandbox, dev.tocsin.platform.TocsinConfig tocsin) {
        this.view = view;
        this.gate = gate;
        this.sandbox = sandbox;
        this.tocsin = tocsin;
    }

    public record Row(String sid, String to, String body, String status, int segments, String created) {}

    public record Outbox(String to, long total, SandboxService.Stats stats, List<Row> rows, String error) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance sandbox(Chrome chrome, Outbox outbox);
    }

    @GET
    public TemplateInstance outbox(@RestQuery String to) {
        if (!gate.enabled()) {
            throw new NotFoundException();
        }
        String prefix = to == null ? "" : to.strip();
        if (!prefix.isEmpty() && !prefix.matches("\\+?[0-9]{1,20}")) {
            return page(new Outbox(prefix, 0, null, List.of(), "to: digits with an optional leading +"));
        }
        SandboxService.Stats stats = sandbox.stats(prefix);
        SandboxService.Listing listing = sandbox.list(
                new SandboxService.Filter(prefix.isEmpty() ? null : prefix, null, null, null), 0, PAGE_SIZE);
        List<SandboxMessage> messages = listing.messages();
        List<Row> rows = messages.stream()
                .map(m -> new Row(
                        m.sid,
                        m.to,
                        m.body,
                        m.status,
                        m.numSegments,
                        m.dateCreated == null ? "" : LOCAL.format(m.dateCreated.atZone(tocsin.zone()))))
                .toList();
        return page(new Outbox(prefix, listing.total(), stats, rows, null));
    }

    private TemplateInstance page(Outbox o) {
        return view.render(Templates.sandbox(view.chrome("sandbox"), o));
    }
}
