package dev.tocsin.duty;

import dev.tocsin.audience.CsvInput;
import dev.tocsin.audience.ImportReport;
import dev.tocsin.duty.DutyPersonViews.Page;
import dev.tocsin.duty.DutyPersonViews.PersonInput;
import dev.tocsin.duty.DutyPersonViews.PersonView;
import dev.tocsin.platform.problem.Params;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The 叫应 roster: responsible persons per area, for operators and admins (as residents are). */
@Path("/api/duty/persons")
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class DutyPersonResource {

    private final DutyRoster roster;
    private final DutyImporter importer;
    private final SecurityIdentity identity;

    DutyPersonResource(DutyRoster roster, DutyImporter importer, SecurityIdentity identity) {
        this.roster = roster;
        this.importer = importer;
        this.identity = identity;
    }

    @GET
    public Page list(
            @QueryParam("area") String area, @QueryParam("page") String page, @QueryParam("size") String size) {
        return roster.list(
                area,
                Params.intInRange("page", page, 0, 0, Integer.MAX_VALUE),
                Params.intInRange("size", size, 50, 1, DutyRoster.MAX_PAGE_SIZE));
    }

    @GET
    @Path("{id}")
    public PersonView get(@PathParam("id") String id) {
        return roster.get(Params.id("id", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PersonView.class)))
    public Response create(PersonInput body) {
        PersonView created = roster.create(actor(), body);
        return Response.created(URI.create("/api/duty/persons/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PersonView update(@PathParam("id") String id, PersonInput body) {
        return roster.update(actor(), Params.id("id", id), body);
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response delete(@PathParam("id") String id) {
        roster.delete(actor(), Params.id("id", id));
        return Response.noContent().build();
    }

    /** CSV in the request body; dry run unless {@code commit=true}. */
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public ImportReport importCsv(
            InputStream body, @QueryParam("commit") String commit, @QueryParam("charset") String charset) {
        return importer.importCsv(actor(), body, CsvInput.charsetParam(charset), bool("commit", commit));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static boolean bool(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(field, "must be true or false");
        };
    }
}
