package dev.tocsin.console;

import dev.tocsin.audience.ImportReport;
import dev.tocsin.duty.DutyImporter;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The roster's CSV import: the upload is a dry run whose row report is shown with a commit button;
 * the commit imports the same kept file ({@link ImportUploads}) in one go (a roster is at most
 * {@code DutyImporter.MAX_ROWS} rows, so it needs no background job as residents do).
 */
@Path("/console/roster/import")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class RosterImportPage {

    private final RosterPage page;
    private final DutyImporter importer;
    private final ImportUploads uploads;
    private final SubmittedForms forms;
    private final SecurityIdentity identity;

    RosterImportPage(
            RosterPage page,
            DutyImporter importer,
            ImportUploads uploads,
            SubmittedForms forms,
            SecurityIdentity identity) {
        this.page = page;
        this.importer = importer;
        this.uploads = uploads;
        this.forms = forms;
        this.identity = identity;
    }

    /** A dry run's report and the kept file's token. */
    public record Import(ImportReport report, String token, String formId) {}

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response dryRun(@RestForm("file") FileUpload file) {
        FieldErrors errors = new FieldErrors();
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            errors.add("file", "choose a CSV file");
            return back(errors, null);
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            ImportReport report = importer.importCsv(actor(), in, null, false);
            String token = uploads.keep(file.uploadedFile(), report.rowsRead());
            return back(errors, new Import(report, token, forms.newId()));
        } catch (ProblemException e) {
            errors.add(e);
            return back(errors, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same form posted twice imports once and gives the first outcome. */
    @POST
    @Path("commit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response commit(@RestForm String token, @RestForm(SubmittedForms.FIELD) String formId) {
        FieldErrors errors = new FieldErrors();
        Optional<String> redirect = forms.once(formId, () -> {
            Optional<java.nio.file.Path> kept = uploads.find(token);
            if (kept.isEmpty()) {
                errors.add("file", "the uploaded file is no longer here (kept one hour); upload it again");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(kept.get())) {
                ImportReport r = importer.importCsv(actor(), in, null, true);
                uploads.forget(token);
                return Optional.of("/console/roster?done=imported&added=" + r.inserted() + "&updated=" + r.updated()
                        + "&rejected=" + r.rejected());
            } catch (ProblemException e) {
                errors.add(e);
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (redirect.isPresent()) {
            return Response.seeOther(URI.create(redirect.get())).build();
        }
        return back(errors, null);
    }

    private Response back(FieldErrors errors, Import imported) {
        return page.html(RosterPage.PersonForm.empty(forms.newId(), ""), errors, null, "", 0, imported);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
