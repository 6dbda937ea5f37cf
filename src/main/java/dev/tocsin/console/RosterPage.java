package dev.tocsin.console;

import dev.tocsin.duty.DutyPersonViews.Page;
import dev.tocsin.duty.DutyPersonViews.PersonInput;
import dev.tocsin.duty.DutyPersonViews.PersonView;
import dev.tocsin.duty.DutyRoster;
import dev.tocsin.platform.problem.Params;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The 叫应 roster for operators and admins (as the API): persons per area with role, A/B, superior
 * and rota; add, edit and delete through {@link DutyRoster}, so the console refuses what the API
 * refuses, naming the same fields. The CSV import is {@link RosterImportPage}.
 */
@Path("/console/roster")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class RosterPage {

    static final int PAGE_SIZE = 50;
    private static final Pattern COUNT = Pattern.compile("\\d{1,7}");

    private final ConsoleView view;
    private final DutyRoster roster;
    private final SubmittedForms forms;
    private final SecurityIdentity identity;

    RosterPage(ConsoleView view, DutyRoster roster, SubmittedForms forms, SecurityIdentity identity) {
        this.view = view;
        this.roster = roster;
        this.forms = forms;
        this.identity = identity;
    }

    /** A person as listed, with the superior's name. */
    public record Row(PersonView person, String superiorName) {}

    public record Listing(String area, int page, long total, List<Row> rows) {
        public boolean previous() {
            return page > 0;
        }

        public boolean more() {
            return total > (long) (page + 1) * PAGE_SIZE;
        }

        public int previousPage() {
            return page - 1;
        }

        public int nextPage() {
            return page + 1;
        }
    }

    /** The add or edit form: the values as typed; {@code id} null when adding. */
    public record PersonForm(
            String formId,
            Long id,
            String name,
            String mobile,
            String area,
            String role,
            String rank,
            String superior,
            String language,
            String rota) {
        static PersonForm empty(String formId, String area) {
            return new PersonForm(formId, null, "", "", area, "village-head", "primary", "", "", "");
        }
    }

    /** A line after a redirect; counts only after an import. */
    public record Notice(String kind, String text, String added, String updated, String rejected) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance roster(
                Chrome chrome,
                Listing listing,
                PersonForm form,
                FieldErrors errors,
                Notice notice,
                RosterImportPage.Import imported);
    }

    @GET
    public Response list(
            @RestQuery String area,
            @RestQuery String page,
            @RestQuery String done,
            @RestQuery String error,
            @RestQuery String added,
            @RestQuery String updated,
            @RestQuery String rejected) {
        Notice notice = done != null
                ? new Notice(done, null, count(added), count(updated), count(rejected))
                : error != null ? new Notice("error", error, null, null, null) : null;
        FieldErrors errors = new FieldErrors();
        int at = Params.intInRange("page", page, 0, 0, Integer.MAX_VALUE);
        String code = area == null ? "" : area.strip();
        return html(PersonForm.empty(forms.newId(), code), errors, notice, code, at, null);
    }

    @GET
    @Path("{id}")
    public Response edit(@RestPath long id) {
        PersonView p = roster.get(id);
        String superior = p.superiorId() == null ? "" : superior(p.superiorId()).mobile();
        PersonForm form = new PersonForm(
                forms.newId(),
                p.id(),
                p.name(),
                p.mobile(),
                p.area().code(),
                p.role().id(),
                p.rank().id(),
                superior,
                p.language(),
                p.rota() == null ? "" : p.rota());
        return html(form, new FieldErrors(), null, p.area().code(), 0, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @RestForm String name,
            @RestForm String mobile,
            @RestForm String area,
            @RestForm String role,
            @RestForm String rank,
            @RestForm String superior,
            @RestForm String language,
            @RestForm String rota,
            @RestForm(SubmittedForms.FIELD) String formId) {
        PersonForm typed = new PersonForm(formId, null, name, mobile, area, role, rank, superior, language, rota);
        return save(typed, in -> roster.create(actor(), in), "created");
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(
            @RestPath long id,
            @RestForm String name,
            @RestForm String mobile,
            @RestForm String area,
            @RestForm String role,
            @RestForm String rank,
            @RestForm String superior,
            @RestForm String language,
            @RestForm String rota,
            @RestForm(SubmittedForms.FIELD) String formId) {
        PersonForm typed = new PersonForm(formId, id, name, mobile, area, role, rank, superior, language, rota);
        return save(typed, in -> roster.update(actor(), id, in), "updated");
    }

    /** Deleting what is gone already says so; a person in a 叫应 record or someone's superior stays. */
    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestPath long id, @RestForm String area) {
        String back = "/console/roster?area=" + encode(area);
        try {
            roster.delete(actor(), id);
            return Response.seeOther(URI.create(back + "&done=deleted")).build();
        } catch (ProblemException e) {
            return Response.seeOther(
                            URI.create(back + "&error=" + encode(e.problem().detail())))
                    .build();
        }
    }

    private interface Change {
        PersonView apply(PersonInput in);
    }

    private Response save(PersonForm typed, Change change, String done) {
        FieldErrors errors = new FieldErrors();
        Optional<String> redirect = forms.once(typed.formId(), () -> {
            try {
                Long superiorId = roster.superiorByMobile(typed.superior());
                PersonView saved = change.apply(new PersonInput(
                        typed.name(),
                        typed.mobile(),
                        typed.area(),
                        typed.role(),
                        typed.rank(),
                        superiorId,
                        typed.language(),
                        typed.rota()));
                return Optional.of("/console/roster?area=" + encode(saved.area().code()) + "&done=" + done);
            } catch (ProblemException e) {
                // The service names the superior by id; the form asks for the superior's mobile.
                var p = e.problem();
                if (p.errors() != null && !p.errors().isEmpty()) {
                    p.errors().forEach(fe -> errors.add(formField(fe.field()), fe.message()));
                } else {
                    errors.add(formField(p.field()), p.detail());
                }
                return Optional.empty();
            }
        });
        if (redirect.isPresent()) {
            return Response.seeOther(URI.create(redirect.get())).build();
        }
        PersonForm again = new PersonForm(
                forms.newId(),
                typed.id(),
                nz(typed.name()),
                nz(typed.mobile()),
                nz(typed.area()),
                nz(typed.role()),
                nz(typed.rank()),
                nz(typed.superior()),
                nz(typed.language()),
                nz(typed.rota()));
        String area = typed.area() == null ? "" : typed.area().strip();
        return html(again, errors, null, area, 0, null);
    }

    /** The page; 400 when any field was refused (the list falls back to every area if its filter was). */
    Response html(
            PersonForm form,
            FieldErrors errors,
            Notice notice,
            String area,
            int page,
            RosterImportPage.Import imported) {
        boolean refused = errors.any();
        Page found;
        String shown = area;
        try {
            found = roster.list(area, page, PAGE_SIZE);
        } catch (ProblemException e) {
            errors.add("filter", e.problem().detail());
            refused = true;
            shown = "";
            found = roster.list(null, 0, PAGE_SIZE);
        }
        Map<Long, String> names = new HashMap<>();
        List<Row> rows = found.persons().stream()
                .map(p -> new Row(
                        p,
                        p.superiorId() == null
                                ? null
                                : names.computeIfAbsent(
                                        p.superiorId(), id -> superior(id).name())))
                .toList();
        TemplateInstance t = view.render(Templates.roster(
                view.chrome("roster"), new Listing(shown, page, found.total(), rows), form, errors, notice, imported));
        return Response.status(refused ? 400 : 200)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(t.render())
                .build();
    }

    private static String formField(String field) {
        return "superiorId".equals(field) ? "superior" : field;
    }

    private PersonView superior(long id) {
        return roster.get(id);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String count(String raw) {
        return raw != null && COUNT.matcher(raw).matches() ? raw : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s.strip(), StandardCharsets.UTF_8);
    }
}
