package dev.tocsin.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.platform.problem.Params;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Broadcast lifecycle API; see docs/BROADCASTS.md. */
@Path("/api")
public class BroadcastResource {

    private final BroadcastService service;
    private final BroadcastReports reports;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    BroadcastResource(
            BroadcastService service, BroadcastReports reports, SecurityIdentity identity, ObjectMapper json) {
        this.service = service;
        this.reports = reports;
        this.identity = identity;
        this.json = json;
    }

    public record Comment(String comment) {}

    @POST
    @Path("/broadcasts")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BroadcastReports.Detail.class)))
    public Response create(BroadcastRequest request) {
        Broadcast b = service.create(actor(), request);
        return Response.status(201).entity(reports.detail(b.id)).build();
    }

    @GET
    @Path("/broadcasts")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<BroadcastReports.Summary> list(
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to) {
        BroadcastStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = BroadcastStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status", "unknown status '" + status + "'");
            }
        }
        return service.list(s, instant("from", from), instant("to", to)).stream()
                .map(BroadcastReports.Summary::of)
                .toList();
    }

    @GET
    @Path("/broadcasts/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail get(@PathParam("id") String id) {
        return reports.detail(id(id));
    }

    @POST
    @Path("/broadcasts/{id}/submit")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail submit(@PathParam("id") String id) {
        return reports.detail(service.submit(actor(), id(id)).id);
    }

    /** A rejected (or draft) broadcast back to approval; the body, when given, replaces its content. */
    @POST
    @Path("/broadcasts/{id}/revise")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail revise(@PathParam("id") String id, BroadcastRequest request) {
        return reports.detail(service.revise(actor(), id(id), request).id);
    }

    @POST
    @Path("/broadcasts/{id}/approve")
    @RolesAllowed({Role.APPROVER_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail approve(@PathParam("id") String id, String body) throws JsonProcessingException {
        // The body is optional: a bare POST (no Content-Type) approves without a comment.
        Comment c = body == null || body.isBlank() ? null : json.readValue(body, Comment.class);
        return reports.detail(service.approve(actor(), roles(), id(id), c == null ? null : c.comment()).id);
    }

    @POST
    @Path("/broadcasts/{id}/reject")
    @RolesAllowed({Role.APPROVER_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail reject(@PathParam("id") String id, Comment body) {
        return reports.detail(service.reject(actor(), id(id), body == null ? null : body.comment()).id);
    }

    @POST
    @Path("/broadcasts/{id}/cancel")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public BroadcastReports.Detail cancel(@PathParam("id") String id, Comment body) {
        return reports.detail(service.cancel(actor(), id(id), body == null ? null : body.comment()).id);
    }

    @POST
    @Path("/broadcasts/{id}/update")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BroadcastReports.Detail.class)))
    public Response update(@PathParam("id") String id, BroadcastRequest request) {
        Broadcast b = service.update(actor(), id(id), request);
        return Response.status(201).entity(reports.detail(b.id)).build();
    }

    @POST
    @Path("/schedules/preview")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<BroadcastService.PlannedOccurrence> preview(SchedulePreview r) {
        return service.preview(r);
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

    private static long id(String id) {
        return Params.id("id", id);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
    }
}
