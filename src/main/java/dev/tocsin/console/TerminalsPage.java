package dev.tocsin.console;

import dev.tocsin.loudspeaker.TerminalService;
import dev.tocsin.platform.TocsinConfig;
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
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Loudspeaker terminals grouped by area with health and last heartbeat; admins register one
 * (the device token is shown once, in that response only), rotate its token, disable or enable it.
 */
@Path("/console/terminals")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class TerminalsPage {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleView view;
    private final TerminalService terminals;
    private final SubmittedForms forms;
    private final SecurityIdentity identity;
    private final TocsinConfig tocsin;

    TerminalsPage(
            ConsoleView view,
            TerminalService terminals,
            SubmittedForms forms,
            SecurityIdentity identity,
            TocsinConfig tocsin) {
        this.view = view;
        this.terminals = terminals;
        this.forms = forms;
        this.identity = identity;
        this.tocsin = tocsin;
    }

    public record Group(String area, String name, long online, long offline, List<Line> terminals) {}

    public record Line(TerminalService.View t, String lastSeen) {}

    /** A token just issued: shown once, never stored in clear. */
    public record Issued(String code, String token) {}

    public record NewTerminal(
            String formId, String code, String name, String area, String zone, String volume, FieldErrors errors) {
        /** The inputs in order: error key (the service's field name), form parameter, value. */
        public List<Field> fields() {
            return List.of(
                    new Field("code", "code", code),
                    new Field("name", "name", name),
                    new Field("area", "area", area),
                    new Field("zone", "zone", zone),
                    new Field("volumePreset", "volume", volume));
        }
    }

    public record Field(String key, String param, String value) {}

    public record Notice(String kind, String code, String text) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance terminals(
                Chrome chrome, List<Group> groups, NewTerminal form, Issued issued, Notice notice);
    }

    @GET
    public TemplateInstance list(@RestQuery String done, @RestQuery String code, @RestQuery String error) {
        Notice notice =
                done != null ? new Notice(done, code, null) : error != null ? new Notice("error", code, error) : null;
        return page(empty(), null, notice);
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @RestForm String code,
            @RestForm String name,
            @RestForm String area,
            @RestForm String zone,
            @RestForm String volume,
            @RestForm(SubmittedForms.FIELD) String formId) {
        FieldErrors errors = new FieldErrors();
        Integer preset = null;
        if (volume != null && !volume.isBlank()) {
            try {
                preset = Integer.valueOf(volume.strip());
            } catch (NumberFormatException e) {
                errors.add("volumePreset", "required, 0 to 100");
            }
        }
        Integer volumePreset = preset;
        Issued[] issued = new Issued[1];
        Optional<String> done = errors.any()
                ? Optional.empty()
                : forms.once(formId, () -> {
                    try {
                        var t = terminals.register(
                                actor(),
                                blank(code),
                                new TerminalService.Settings(
                                        blank(name),
                                        blank(area),
                                        null,
                                        blank(zone) == null ? tocsin.zone().getId() : zone.strip(),
                                        volumePreset,
                                        true,
                                        false));
                        issued[0] = new Issued(t.terminal().code(), t.token());
                        return Optional.of("/console/terminals?done=created&code="
                                + encode(t.terminal().code()));
                    } catch (ProblemException e) {
                        errors.add(e);
                        return Optional.empty();
                    }
                });
        if (issued[0] != null) {
            return html(200, page(empty(), issued[0], new Notice("created", issued[0].code(), null)));
        }
        if (done.isPresent()) {
            // A repeat of a form that already succeeded: the token went to the first response only.
            return Response.seeOther(URI.create(done.get() + "&repeat=1")).build();
        }
        NewTerminal again = new NewTerminal(forms.newId(), nz(code), nz(name), nz(area), nz(zone), nz(volume), errors);
        return html(400, page(again, null, null));
    }

    @POST
    @Path("{code}/rotate")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@RestPath String code) {
        try {
            var t = terminals.rotateToken(actor(), code);
            return html(200, page(empty(), new Issued(code, t.token()), new Notice("rotated", code, null)));
        } catch (ProblemException e) {
            return back(code, e);
        }
    }

    /** Takes the wanted state, so a repeated click cannot flip it back. */
    @POST
    @Path("{code}/enabled")
    @RolesAllowed(Role.ADMIN_NAME)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enabled(@RestPath String code, @RestForm String enabled) {
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            return Response.seeOther(URI.create("/console/terminals?error=" + encode("enabled: must be true or false")
                            + "&code=" + encode(code)))
                    .build();
        }
        try {
            TerminalService.View v = terminals.get(code);
            terminals.update(
                    actor(),
                    code,
                    new TerminalService.Settings(
                            v.name(),
                            v.area(),
                            v.model(),
                            v.zone(),
                            v.volumePreset(),
                            Boolean.valueOf(enabled),
                            v.testTerminal()));
            return Response.seeOther(URI.create("/console/terminals?done="
                            + ("true".equals(enabled) ? "enabled" : "disabled") + "&code=" + encode(code)))
                    .build();
        } catch (ProblemException e) {
            return back(code, e);
        }
    }

    private TemplateInstance page(NewTerminal form, Issued issued, Notice notice) {
        Map<String, List<Line>> byArea = new LinkedHashMap<>();
        for (TerminalService.View t : terminals.list(null, null)) {
            byArea.computeIfAbsent(t.area(), k -> new java.util.ArrayList<>())
                    .add(new Line(
                            t,
                            t.lastSeenAt() == null
                                    ? ""
                                    : LOCAL.format(t.lastSeenAt().atZone(tocsin.zone()))));
        }
        List<Group> groups = terminals.health(null).stream()
                .filter(h -> byArea.containsKey(h.area()))
                .map(h -> new Group(h.area(), h.name(), h.online(), h.offline(), byArea.get(h.area())))
                .toList();
        return view.render(Templates.terminals(view.chrome("terminals"), groups, form, issued, notice));
    }

    private NewTerminal empty() {
        return new NewTerminal(forms.newId(), "", "", "", tocsin.zone().getId(), "60", new FieldErrors());
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(page.render())
                .build();
    }

    private static Response back(String code, ProblemException e) {
        return Response.seeOther(URI.create(
                        "/console/terminals?error=" + encode(e.problem().detail()) + "&code=" + encode(code)))
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
