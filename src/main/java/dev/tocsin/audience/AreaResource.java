package dev.tocsin.audience;

import dev.tocsin.audience.AreaViews.AreaChange;
import dev.tocsin.audience.AreaViews.AreaDetail;
import dev.tocsin.audience.AreaViews.AreaMove;
import dev.tocsin.audience.AreaViews.AreaView;
import dev.tocsin.audience.AreaViews.NewArea;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The area tree: read by all staff, changed by admins. */
@Path("/api/areas")
public class AreaResource {

    private final AreaService areas;
    private final SecurityIdentity identity;

    AreaResource(AreaService areas, SecurityIdentity identity) {
        this.areas = areas;
        this.identity = identity;
    }

    /** {@code view=flat} (default): a list, optionally the children of {@code parentCode}; {@code view=tree}: nested. */
    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public Object list(@QueryParam("parentCode") String parentCode, @QueryParam("view") String view) {
        if (view == null || view.equals("flat")) {
            return areas.list(parentCode);
        }
        if (view.equals("tree")) {
            if (parentCode != null) {
                throw ProblemException.badRequest(
                        "parentCode", "the tree view always starts at the top; use view=flat");
            }
            return areas.tree();
        }
        throw ProblemException.badRequest("view", "must be flat or tree");
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public AreaDetail get(@PathParam("code") String code) {
        return areas.get(code);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AreaView.class)))
    public Response create(@Valid @NotNull NewArea body) {
        AreaView created = areas.create(actor(), body);
        return Response.created(URI.create("/api/areas/" + created.code()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{code}")
    @RolesAllowed(Role.ADMIN_NAME)
    public AreaView update(@PathParam("code") String code, @Valid @NotNull AreaChange body) {
        return areas.update(actor(), code, body);
    }

    @POST
    @Path("{code}/move")
    @RolesAllowed(Role.ADMIN_NAME)
    public AreaView move(@PathParam("code") String code, @Valid @NotNull AreaMove body) {
        return areas.move(actor(), code, body.parentCode());
    }

    @DELETE
    @Path("{code}")
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response delete(@PathParam("code") String code) {
        areas.delete(actor(), code);
        return Response.noContent().build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
