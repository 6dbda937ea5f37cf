package dev.tocsin.loudspeaker;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

/** Terminal registry for staff: admins register and manage terminals, all staff see health and coverage. */
@Path("/api/terminals")
@Produces(MediaType.APPLICATION_JSON)
public class TerminalResource {

    private final TerminalService terminals;
    private final CoverageService coverage;
    private final SecurityIdentity identity;

    TerminalResource(TerminalService terminals, CoverageService coverage, SecurityIdentity identity) {
        this.terminals = terminals;
        this.coverage = coverage;
        this.identity = identity;
    }

    public record TerminalRequest(
            String code,
            String name,
            String area,
            String model,
            String zone,
            Integer volumePreset,
            Boolean enabled,
            Boolean testTerminal,
            PagingSettings paging) {
        TerminalService.Settings settings() {
            return new TerminalService.Settings(name, area, model, zone, volumePreset, enabled, testTerminal);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TerminalService.WithToken.class)))
    public Response register(TerminalRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("code", "request body is required");
        }
        return Response.status(201)
                .entity(terminals.register(actor(), body.code(), body.settings(), body.paging()))
                .build();
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<TerminalService.View> list(@QueryParam("area") String area, @QueryParam("health") String health) {
        return terminals.list(
                area, health == null || health.isBlank() ? null : TerminalService.Health.parse("health", health));
    }

    @GET
    @Path("/health")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<TerminalService.AreaHealth> health(@QueryParam("area") String area) {
        return terminals.health(area);
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public CoverageService.Coverage coverage(@QueryParam("occurrence") String occurrence) {
        if (occurrence == null || occurrence.isBlank()) {
            throw ProblemException.badRequest("occurrence", "the broadcast occurrence reference is required");
        }
        // The broadcast report gives the occurrence's numeric id; plays carry it as occ-<id>.
        String ref = occurrence.trim().matches("\\d{1,18}") ? "occ-" + occurrence.trim() : occurrence.trim();
        CoverageService.Coverage result = coverage.coverage(ref);
        // No play was ever queued under this reference: a typo or another system's id, not an
        // occurrence that reached no terminal yet (those have pending plays).
        if (result.areas().isEmpty()) {
            throw ProblemException.notFound("no terminal plays recorded for occurrence '" + occurrence.trim() + "'");
        }
        return result;
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public TerminalService.View get(@PathParam("code") String code) {
        return terminals.get(code);
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public TerminalService.View update(@PathParam("code") String code, TerminalRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "request body is required");
        }
        if (body.code() != null && !body.code().equals(code)) {
            throw ProblemException.badRequest("code", "a terminal's code cannot be changed");
        }
        return terminals.update(actor(), code, body.settings(), body.paging());
    }

    @POST
    @Path("/{code}/rotate-token")
    @RolesAllowed(Role.ADMIN_NAME)
    public TerminalService.WithToken rotateToken(@PathParam("code") String code) {
        return terminals.rotateToken(actor(), code);
    }

    @POST
    @Path("/{code}/revoke")
    @RolesAllowed(Role.ADMIN_NAME)
    public TerminalService.View revoke(@PathParam("code") String code) {
        return terminals.revoke(actor(), code);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
