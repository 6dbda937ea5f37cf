package dev.tocsin.console;

import dev.tocsin.cap.CapViews;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Incoming CAP warnings, newest first, with the drafts and withdrawal proposals each caused;
 * staff accept (the broadcast is cancelled) or dismiss an open withdrawal proposal.
 */
@Path("/console/cap")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CapIncomingPage {

    private final ConsoleView view;
    private final CapViews cap;
    private final SecurityIdentity identity;

    CapIncomingPage(ConsoleView view, CapViews cap, SecurityIdentity identity) {
        this.view = view;
        this.cap = cap;
        this.identity = identity;
    }

    public record Notice(String kind, String id, String detail) {}

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance capIncoming(Chrome chrome, List<CapViews.ReceivedView> rows, Notice notice);
    }

    @GET
    public TemplateInstance list(@RestQuery String done, @RestQuery String id, @RestQuery String error) {
        Notice notice =
                done != null ? new Notice(done, id, null) : error != null ? new Notice("error", id, error) : null;
        return view.render(Templates.capIncoming(view.chrome("cap"), cap.recent(100), notice));
    }

    /** Same roles as POST /api/cap/proposals/{id}/accept; a repeated click finds it decided (shown, not an error page). */
    @POST
    @Path("proposals/{id}/accept")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public Response accept(@RestPath String id) {
        return decide(id, true);
    }

    @POST
    @Path("proposals/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public Response dismiss(@RestPath String id) {
        return decide(id, false);
    }

    private Response decide(String id, boolean accept) {
        long proposal;
        try {
            proposal = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Response.seeOther(URI.create("/console/cap?error=" + encode("id: must be a number")))
                    .build();
        }
        try {
            cap.decide(identity.getPrincipal().getName(), proposal, accept);
            return Response.seeOther(
                            URI.create("/console/cap?done=" + (accept ? "accepted" : "dismissed") + "&id=" + proposal))
                    .build();
        } catch (ProblemException e) {
            return Response.seeOther(URI.create(
                            "/console/cap?error=" + encode(e.problem().detail()) + "&id=" + proposal))
                    .build();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
