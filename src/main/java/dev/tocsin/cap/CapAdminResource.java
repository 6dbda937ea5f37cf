package dev.tocsin.cap;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Staff API: trigger rules, received alerts and withdrawal proposals; see docs/CAP.md. */
@Path("/api/cap")
public class CapAdminResource {

    private final CapRuleService rules;
    private final CapViews views;
    private final SecurityIdentity identity;
    private final CapFeedPoller feeds;

    CapAdminResource(CapRuleService rules, CapViews views, SecurityIdentity identity, CapFeedPoller feeds) {
        this.rules = rules;
        this.views = views;
        this.identity = identity;
        this.feeds = feeds;
    }

    /** Configured upstream feeds with their poll state (last error, next attempt, entries handled). */
    @GET
    @Path("/feeds")
    @RolesAllowed(Role.ADMIN_NAME)
    public List<CapFeedPoller.FeedView> feeds() {
        return feeds.status();
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<CapRuleService.RuleView> listRules() {
        return rules.list();
    }

    @GET
    @Path("/rules/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public CapRuleService.RuleView getRule(@PathParam("id") String id) {
        return rules.get(id(id));
    }

    @POST
    @Path("/rules")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CapRuleService.RuleView.class)))
    public Response createRule(RuleDefinition body) {
        return Response.status(201).entity(rules.create(actor(), body)).build();
    }

    @PUT
    @Path("/rules/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public CapRuleService.RuleView updateRule(@PathParam("id") String id, RuleDefinition body) {
        return rules.update(actor(), id(id), body);
    }

    @DELETE
    @Path("/rules/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response deleteRule(@PathParam("id") String id) {
        rules.delete(actor(), id(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/received")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<CapViews.ReceivedView> received(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw ProblemException.badRequest("limit", "must be 1-500");
        }
        return views.recent(n);
    }

    @GET
    @Path("/received/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public CapViews.ReceivedView receivedOne(@PathParam("id") String id) {
        return views.received(id(id), false);
    }

    @GET
    @Path("/received/{id}/xml")
    @Produces("application/cap+xml")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public String receivedXml(@PathParam("id") String id) {
        return views.xml(id(id));
    }

    @POST
    @Path("/proposals/{id}/accept")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public CapViews.TriggerView accept(@PathParam("id") String id) {
        return views.decide(actor(), id(id), true);
    }

    @POST
    @Path("/proposals/{id}/dismiss")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public CapViews.TriggerView dismiss(@PathParam("id") String id) {
        return views.decide(actor(), id(id), false);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("id", "must be a number");
        }
    }
}
