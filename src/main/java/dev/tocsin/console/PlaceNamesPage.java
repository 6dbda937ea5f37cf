package dev.tocsin.console;

import dev.tocsin.compose.spoken.PlaceNames;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The district's place-name pronunciations: the packaged names and the ones staff added, with
 * a form to add or correct a name and a button to remove a staff addition. Everyone who may
 * read {@code /api/audio/place-names} sees the list; who may change it there may change it here,
 * through the same {@link PlaceNames} service and its field errors.
 */
@Path("/console/place-names")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class PlaceNamesPage {

    private final ConsoleView view;
    private final PlaceNames placeNames;

    PlaceNamesPage(ConsoleView view, PlaceNames placeNames) {
        this.view = view;
        this.placeNames = placeNames;
    }

    /** The add form as typed, with errors by field ({@code name}, {@code pinyin}). */
    public record Form(String name, String pinyin, FieldErrors errors) {}

    /** A line after a redirect: {@code kind} saved, removed or reverted. */
    public record Notice(String kind, String name, String pinyin) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance placeNames(
                Chrome chrome, List<PlaceNames.Entry> entries, int staffCount, Form form, Notice notice);
    }

    @GET
    public TemplateInstance list(@RestQuery String done, @RestQuery String name, @RestQuery String pinyin) {
        Notice notice = done == null ? null : new Notice(done, name, pinyin);
        return page(new Form("", "", new FieldErrors()), notice);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response add(@RestForm String name, @RestForm String pinyin) {
        try {
            PlaceNames.PlaceName saved = placeNames.add(name, pinyin);
            return Response.seeOther(URI.create("/console/place-names?done=saved&name=" + encode(saved.name())
                            + "&pinyin=" + encode(saved.pinyin())))
                    .build();
        } catch (ProblemException e) {
            FieldErrors errors = new FieldErrors();
            errors.add(e);
            return Response.status(e.problem().status())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(new Form(name == null ? "" : name, pinyin == null ? "" : pinyin, errors), null)
                            .render())
                    .build();
        }
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
    public Response remove(@RestForm String name) {
        try {
            Optional<PlaceNames.PlaceName> back = placeNames.remove(name);
            String to = back.map(p -> "/console/place-names?done=reverted&name=" + encode(p.name()) + "&pinyin="
                            + encode(p.pinyin()))
                    .orElse("/console/place-names?done=removed&name=" + encode(name.strip()));
            return Response.seeOther(URI.create(to)).build();
        } catch (ProblemException e) {
            FieldErrors errors = new FieldErrors();
            errors.add("remove", e.problem().detail());
            return Response.status(e.problem().status())
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(new Form("", "", errors), null).render())
                    .build();
        }
    }

    private TemplateInstance page(Form form, Notice notice) {
        List<PlaceNames.Entry> entries = placeNames.entries();
        return view.render(Templates.placeNames(
                view.chrome("place-names"),
                entries,
                (int) entries.stream().filter(PlaceNames.Entry::staff).count(),
                form,
                notice));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
