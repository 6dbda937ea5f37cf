package dev.tocsin.console;

import dev.tocsin.audience.Consent;
import dev.tocsin.audience.ImportReport;
import dev.tocsin.audience.ResidentImporter;
import dev.tocsin.audience.ResidentService;
import dev.tocsin.audience.ResidentViews;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Residents: search (personal data for operators and admins, masked for approvers, as in the
 * API), opt-out state with opt-out / opt-in, and the CSV import: the upload is dry-run first and
 * its report shown row by row; the commit imports the same kept file.
 */
@Path("/console/residents")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class ResidentsPage {

    static final int PAGE_SIZE = 50;

    private final ConsoleView view;
    private final ResidentService residents;
    private final ResidentImporter importer;
    private final ImportUploads uploads;
    private final ImportJobs jobs;
    private final SubmittedForms forms;
    private final SecurityIdentity identity;

    ResidentsPage(
            ConsoleView view,
            ResidentService residents,
            ResidentImporter importer,
            ImportUploads uploads,
            ImportJobs jobs,
            SubmittedForms forms,
            SecurityIdentity identity) {
        this.view = view;
        this.residents = residents;
        this.importer = importer;
        this.uploads = uploads;
        this.jobs = jobs;
        this.forms = forms;
        this.identity = identity;
    }

    public record Query(String phone, String name, String area, int page) {
        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        public boolean more(long total) {
            return total > (long) (page + 1) * PAGE_SIZE;
        }
    }

    /** A dry run waiting for confirmation ({@code token} names the kept file), or a committed import. */
    public record Import(ImportReport report, String token, String duplicates, String formId) {}

    public record Notice(String kind, String text) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance residents(
                Chrome chrome,
                Query q,
                ResidentViews.Page<ResidentViews.ResidentView> found,
                FieldErrors errors,
                Import imported,
                Notice notice);

        static native TemplateInstance importjob(Chrome chrome, ImportJobs.Snapshot job);
    }

    @GET
    public TemplateInstance search(
            @RestQuery String phone,
            @RestQuery String name,
            @RestQuery String area,
            @RestQuery Integer page,
            @RestQuery String done,
            @RestQuery String error) {
        Notice notice = done != null ? new Notice(done, null) : error != null ? new Notice("error", error) : null;
        return page(
                new Query(nz(phone), nz(name), nz(area), page == null || page < 0 ? 0 : page),
                new FieldErrors(),
                null,
                notice);
    }

    /** Takes the wanted state, so repeating it changes nothing more. */
    @POST
    @Path("{id}/consent")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response consent(@RestPath long id, @RestForm String consent, @RestForm String back) {
        String target = back != null && back.startsWith("/console/residents") ? back : "/console/residents";
        String sep = target.contains("?") ? "&" : "?";
        Consent wanted = "opted_out".equals(consent)
                ? Consent.OPTED_OUT
                : "subscribed".equals(consent) ? Consent.SUBSCRIBED : null;
        if (wanted == null) {
            return Response.seeOther(
                            URI.create(target + sep + "error=" + encode("consent: must be opted_out or subscribed")))
                    .build();
        }
        try {
            residents.setConsent(actor(), id, wanted);
            return Response.seeOther(URI.create(target + sep + "done=" + consent))
                    .build();
        } catch (ProblemException e) {
            return Response.seeOther(URI.create(
                            target + sep + "error=" + encode(e.problem().detail())))
                    .build();
        }
    }

    /** Takes the wanted state (an unticked box sends nothing, which means no), so repeating it changes nothing more. */
    @POST
    @Path("{id}/call-preference")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response callPreference(@RestPath long id, @RestForm String prefersCall, @RestForm String back) {
        String target = back != null && back.startsWith("/console/residents") ? back : "/console/residents";
        String sep = target.contains("?") ? "&" : "?";
        try {
            residents.setPrefersCall(actor(), id, "true".equals(prefersCall));
            return Response.seeOther(URI.create(target)).build();
        } catch (ProblemException e) {
            return Response.seeOther(URI.create(
                            target + sep + "error=" + encode(e.problem().detail())))
                    .build();
        }
    }

    /** Dry run: nothing is written; the report and a commit button for the same file. */
    @POST
    @Path("import")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response dryRun(@RestForm("file") FileUpload file, @RestForm String duplicates) {
        FieldErrors errors = new FieldErrors();
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            errors.add("file", "choose a CSV file");
            return html(400, page(new Query("", "", "", 0), errors, null, null));
        }
        try {
            ResidentImporter.Duplicates dup = duplicates(duplicates);
            ImportReport report;
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                report = importer.importCsv(actor(), in, null, false, dup);
            }
            String token = uploads.keep(file.uploadedFile(), report.rowsRead());
            return html(
                    200,
                    page(
                            new Query("", "", "", 0),
                            errors,
                            new Import(report, token, dup.name().toLowerCase(), forms.newId()),
                            null));
        } catch (ProblemException e) {
            errors.add(e);
            return html(400, page(new Query("", "", "", 0), errors, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the commit of the kept file in the background and sends the browser to its progress
     * page; the same form posted twice (or the same file committed from two tabs) gives one job.
     */
    @POST
    @Path("import/commit")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response commit(
            @RestForm String token, @RestForm String duplicates, @RestForm(SubmittedForms.FIELD) String formId) {
        FieldErrors errors = new FieldErrors();
        Optional<String> redirect = forms.once(formId, () -> {
            Optional<java.nio.file.Path> kept = uploads.find(token);
            if (kept.isEmpty()) {
                errors.add("file", "the uploaded file is no longer here (kept one hour); upload it again");
                return Optional.empty();
            }
            try {
                ImportJobs.Snapshot job = jobs.start(actor(), token, kept.get(), duplicates(duplicates));
                return Optional.of("/console/residents/import/jobs/" + job.id());
            } catch (ProblemException e) {
                errors.add(e);
                return Optional.empty();
            }
        });
        if (redirect.isPresent()) {
            return Response.seeOther(URI.create(redirect.get())).build();
        }
        return html(400, page(new Query("", "", "", 0), errors, null, null));
    }

    /** The running (or finished) import: rows processed out of the dry run's total, then the counts. */
    @GET
    @Path("import/jobs/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public TemplateInstance job(@RestPath String id) {
        return view.render(Templates.importjob(view.chrome("residents"), snapshot(id)));
    }

    /** What the job page polls. */
    @GET
    @Path("import/jobs/{id}/progress")
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public ImportJobs.Snapshot progress(@RestPath String id) {
        return snapshot(id);
    }

    private ImportJobs.Snapshot snapshot(String id) {
        return jobs.find(id, actor())
                .orElseThrow(() -> ProblemException.notFound(
                        "no import " + id + " of yours is known here (finished imports are kept for an hour)"));
    }

    private TemplateInstance page(Query q, FieldErrors errors, Import imported, Notice notice) {
        ResidentViews.Page<ResidentViews.ResidentView> found;
        try {
            found = residents.search(
                    new ResidentService.Search(blank(q.phone()), blank(q.name()), blank(q.area()), null),
                    q.page(),
                    PAGE_SIZE,
                    identity.hasRole(Role.OPERATOR_NAME) || identity.hasRole(Role.ADMIN_NAME));
        } catch (ProblemException e) {
            errors.add(e);
            found = new ResidentViews.Page<>(java.util.List.of(), 0, PAGE_SIZE, 0);
        }
        return view.render(Templates.residents(view.chrome("residents"), q, found, errors, imported, notice));
    }

    private static ResidentImporter.Duplicates duplicates(String raw) {
        if (raw == null || raw.isBlank() || "skip".equals(raw)) {
            return ResidentImporter.Duplicates.SKIP;
        }
        if ("update".equals(raw)) {
            return ResidentImporter.Duplicates.UPDATE;
        }
        throw ProblemException.badRequest("duplicates", "must be update or skip");
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
