package dev.tocsin.compose.template;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The notice template catalogue: all staff read, admins create, edit (new version) and retire. */
@Path("/api/templates")
public class TemplateResource {

    private final TemplateCatalogue catalogue;
    private final SecurityIdentity identity;

    TemplateResource(TemplateCatalogue catalogue, SecurityIdentity identity) {
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public List<TemplateCatalogue.Summary> list(@QueryParam("all") String all) {
        return catalogue.list("true".equalsIgnoreCase(all));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public TemplateCatalogue.Detail get(@PathParam("id") String id, @QueryParam("version") String version) {
        return catalogue.get(id, positive("version", version));
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TemplateCatalogue.Detail.class)))
    public Response create(@Valid @NotNull TemplateDefinition body) {
        TemplateCatalogue.Detail created = catalogue.create(actor(), body);
        return Response.created(URI.create("/api/templates/" + created.id()))
                .entity(created)
                .build();
    }

    /** Saves a new version; {@code baseVersion} (optional) guards against overwriting someone else's edit. */
    @PUT
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    public TemplateCatalogue.Detail update(
            @PathParam("id") String id,
            @QueryParam("baseVersion") String baseVersion,
            @Valid @NotNull TemplateDefinition body) {
        return catalogue.update(actor(), id, positive("baseVersion", baseVersion), body);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response retire(@PathParam("id") String id) {
        catalogue.retire(actor(), id);
        return Response.noContent().build();
    }

    private static Integer positive(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw ProblemException.badRequest(field, "must be a version number (1, 2, ...)");
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
