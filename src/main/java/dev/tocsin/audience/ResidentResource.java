package dev.tocsin.audience;

import dev.tocsin.audience.ResidentViews.Page;
import dev.tocsin.audience.ResidentViews.ResidentInput;
import dev.tocsin.audience.ResidentViews.ResidentView;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Residents. Operators and admins see and change personal data; approvers read residents
 * with masked name and phone (they approve notices, they do not contact people).
 */
@Path("/api/residents")
public class ResidentResource {

    private final ResidentService residents;
    private final ResidentImporter importer;
    private final ResidentExporter exporter;
    private final SecurityIdentity identity;

    ResidentResource(
            ResidentService residents,
            ResidentImporter importer,
            ResidentExporter exporter,
            SecurityIdentity identity) {
        this.residents = residents;
        this.importer = importer;
        this.exporter = exporter;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public Page<ResidentView> search(
            @QueryParam("phone") String phone,
            @QueryParam("name") String name,
            @QueryParam("area") String area,
            @QueryParam("tag") String tag,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int p = intParam("page", page, 0, 0, Integer.MAX_VALUE);
        int s = intParam("size", size, 50, 1, ResidentService.MAX_PAGE_SIZE);
        return residents.search(new ResidentService.Search(phone, name, area, tag), p, s, personalData());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public ResidentView get(@PathParam("id") long id) {
        return residents.get(id, personalData());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ResidentView.class)))
    public Response create(@Valid @NotNull ResidentInput body) {
        ResidentView created = residents.create(actor(), body);
        return Response.created(URI.create("/api/residents/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public ResidentView update(@PathParam("id") long id, @Valid @NotNull ResidentInput body) {
        return residents.update(actor(), id, body);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Response delete(@PathParam("id") long id) {
        residents.delete(actor(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/opt-out")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public ResidentView optOut(@PathParam("id") long id) {
        return residents.setConsent(actor(), id, Consent.OPTED_OUT);
    }

    @POST
    @Path("{id}/opt-in")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public ResidentView optIn(@PathParam("id") long id) {
        return residents.setConsent(actor(), id, Consent.SUBSCRIBED);
    }

    /** CSV in the request body, read as it arrives. Dry run unless {@code commit=true}. */
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public ImportReport importCsv(
            InputStream body,
            @QueryParam("commit") String commit,
            @QueryParam("duplicates") String duplicates,
            @QueryParam("charset") String charset) {
        return importer.importCsv(
                actor(), body, CsvInput.charsetParam(charset), boolParam("commit", commit), duplicates(duplicates));
    }

    /** The same, from a browser form: the file in part {@code file} (Quarkus spools it to disk). */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public ImportReport importForm(
            @RestForm("file") FileUpload file,
            @QueryParam("commit") String commit,
            @QueryParam("duplicates") String duplicates,
            @QueryParam("charset") String charset) {
        if (file == null) {
            throw ProblemException.badRequest("file", "attach the CSV as form part 'file'");
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return importer.importCsv(
                    actor(), in, CsvInput.charsetParam(charset), boolParam("commit", commit), duplicates(duplicates));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response export(@QueryParam("area") String area) {
        String path = exporter.begin(actor(), area);
        StreamingOutput body = out -> exporter.write(path, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"residents-" + area + ".csv\"")
                .build();
    }

    private boolean personalData() {
        return identity.hasRole(Role.OPERATOR_NAME) || identity.hasRole(Role.ADMIN_NAME);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static ResidentImporter.Duplicates duplicates(String raw) {
        if (raw == null || raw.isBlank()) {
            return ResidentImporter.Duplicates.SKIP;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "update" -> ResidentImporter.Duplicates.UPDATE;
            case "skip" -> ResidentImporter.Duplicates.SKIP;
            default -> throw ProblemException.badRequest("duplicates", "must be update or skip");
        };
    }

    private static boolean boolParam(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(field, "must be true or false");
        };
    }

    private static int intParam(String field, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) {
                throw ProblemException.badRequest(field, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "must be a whole number");
        }
    }
}
