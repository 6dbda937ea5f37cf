package dev.tocsin.security;

import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Staff account administration. */
@Path("/api/users")
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    private final StaffService staff;
    private final SecurityIdentity identity;

    UserResource(StaffService staff, SecurityIdentity identity) {
        this.staff = staff;
        this.identity = identity;
    }

    public record NewUser(
            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "2-64 lowercase letters, digits, '.', '_' or '-'")
            String username,

            @NotNull @Size(min = 10, max = 200, message = "must be 10-200 characters")
            String password,

            @NotEmpty Set<Role> roles,
            @Size(max = 200) String displayName) {}

    public record UserChange(
            Set<Role> roles,
            Boolean enabled,
            @Size(max = 200) String displayName,

            @Size(min = 10, max = 200, message = "must be 10-200 characters")
            String password) {}

    @GET
    public List<StaffService.Account> list() {
        return staff.list();
    }

    @GET
    @Path("{username}")
    public StaffService.Account get(@PathParam("username") String username) {
        return staff.find(username).orElseThrow(() -> ProblemException.notFound("No user named '" + username + "'"));
    }

    @POST
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StaffService.Account.class)))
    public Response create(@Valid @NotNull NewUser body) {
        StaffService.Account created =
                staff.create(actor(), body.username(), body.password(), body.roles(), body.displayName());
        return Response.created(URI.create("/api/users/" + created.username()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{username}")
    public StaffService.Account update(@PathParam("username") String username, @Valid @NotNull UserChange body) {
        return staff.update(actor(), username, body.roles(), body.enabled(), body.displayName(), body.password());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
