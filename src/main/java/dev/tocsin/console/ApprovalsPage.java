package dev.tocsin.console;

import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The approvals inbox: every broadcast waiting for approval, shown as it will go out, with
 * approve and reject (comment required). The two-person rule and every other refusal come
 * from {@link BroadcastService} and are shown on the broadcast's card.
 */
@Path("/console/approvals")
@RolesAllowed({Role.APPROVER_NAME, Role.ADMIN_NAME})
public class ApprovalsPage {

    private final ConsoleView view;
    private final BroadcastService broadcasts;
    private final BroadcastCards cards;
    private final SecurityIdentity identity;

    ApprovalsPage(ConsoleView view, BroadcastService broadcasts, BroadcastCards cards, SecurityIdentity identity) {
        this.view = view;
        this.broadcasts = broadcasts;
        this.cards = cards;
        this.identity = identity;
    }

    /** An outcome after a redirect: which broadcast, what happened, and the service's words when refused. */
    public record Notice(long id, String kind, String field, String text) {
        /** Whether this refusal names {@code name} of broadcast {@code broadcast}. */
        public boolean onField(long broadcast, String name) {
            return id == broadcast && "error".equals(kind) && name.equals(field);
        }

        public boolean refused(long broadcast) {
            return id == broadcast && "error".equals(kind);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance approvals(Chrome chrome, List<BroadcastCards.Card> cards, Notice notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance inbox(
            @RestQuery Long id, @RestQuery String done, @RestQuery String field, @RestQuery String error) {
        Notice notice = id == null ? null : new Notice(id, error != null ? "error" : done, field, error);
        return view.render(Templates.approvals(view.chrome("approvals"), cards.pending(), notice));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@RestPath long id, @RestForm String comment) {
        try {
            broadcasts.approve(actor(), roles(), id, comment);
            return Response.seeOther(URI.create("/console/broadcasts/" + id + "?done=approved"))
                    .build();
        } catch (ProblemException e) {
            return back(id, e, "approval-comment");
        }
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@RestPath long id, @RestForm String comment) {
        try {
            broadcasts.reject(actor(), id, comment);
            return Response.seeOther(URI.create("/console/approvals?id=" + id + "&done=rejected"))
                    .build();
        } catch (ProblemException e) {
            return back(id, e, "comment");
        }
    }

    /** Back to the inbox with the refusal; a comment error is shown on the form that sent it. */
    private static Response back(long id, ProblemException e, String commentField) {
        var p = e.problem();
        String field =
                p.errors() != null && !p.errors().isEmpty() ? p.errors().get(0).field() : p.field();
        field = "comment".equals(field) ? commentField : field;
        String text =
                p.errors() != null && !p.errors().isEmpty() ? p.errors().get(0).message() : p.detail();
        return Response.seeOther(URI.create("/console/approvals?id=" + id + "&field=" + encode(field) + "&error="
                        + encode(p.status() + " " + p.title() + ": " + text)))
                .build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (identity.hasRole(r.id())) {
                roles.add(r);
            }
        }
        return roles;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
