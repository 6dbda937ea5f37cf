package dev.tocsin.console;

import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.security.UserResource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Staff accounts for admins: list, create, enable/disable, change roles. Input goes through the
 * API's own {@link UserResource.NewUser} constraints and {@link StaffService}, so the console
 * and the API refuse the same things with the same field names.
 */
@Path("/console/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class UsersPage {

    private final ConsoleView view;
    private final StaffService staff;
    private final Validator validator;
    private final SubmittedForms forms;
    private final SecurityIdentity identity;

    UsersPage(
            ConsoleView view,
            StaffService staff,
            Validator validator,
            SubmittedForms forms,
            SecurityIdentity identity) {
        this.view = view;
        this.staff = staff;
        this.validator = validator;
        this.forms = forms;
        this.identity = identity;
    }

    /** What the create form shows: the values typed so far (never the password) and errors by field. */
    public record UserForm(
            String formId, String username, String displayName, Set<String> roles, Map<String, String> errors) {
        public boolean checked(String role) {
            return roles.contains(role);
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    /** A flash line after a redirect: which message, about whom, and whether it is an error. */
    public record Notice(String kind, String name, String text) {}

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance users(
                Chrome chrome, List<StaffService.Account> users, UserForm form, Notice notice, List<Role> allRoles);
    }

    @GET
    public TemplateInstance list(@RestQuery String done, @RestQuery String name, @RestQuery String error) {
        Notice notice =
                done != null ? new Notice(done, name, null) : error != null ? new Notice("error", name, error) : null;
        UserForm empty = new UserForm(forms.newId(), "", "", Set.of(Role.OPERATOR.id()), Map.of());
        return page(empty, notice);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @RestForm String username,
            @RestForm String displayName,
            @RestForm String password,
            @RestForm List<String> roles,
            @RestForm(SubmittedForms.FIELD) String formId) {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Role> parsed = parseRoles(roles, errors);
        String display = displayName == null || displayName.isBlank() ? null : displayName.trim();
        UserResource.NewUser input = new UserResource.NewUser(blankToNull(username), password, parsed, display);
        for (ConstraintViolation<UserResource.NewUser> v : validator.validate(input)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        Optional<String> redirect = errors.isEmpty()
                ? forms.once(formId, () -> {
                    try {
                        staff.create(actor(), input.username(), input.password(), input.roles(), input.displayName());
                        return Optional.of("/console/users?done=created&name=" + encode(input.username()));
                    } catch (ProblemException e) {
                        fieldErrors(e.problem()).forEach(errors::putIfAbsent);
                        return Optional.empty();
                    }
                })
                : Optional.empty();
        if (redirect.isPresent()) {
            return Response.seeOther(URI.create(redirect.get())).build();
        }
        UserForm again = new UserForm(
                forms.newId(),
                username == null ? "" : username,
                displayName == null ? "" : displayName,
                roles == null ? Set.of() : Set.copyOf(roles),
                errors);
        return Response.status(400)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page(again, null).render())
                .build();
    }

    /** Setting the same roles twice is harmless, so a repeated click changes nothing more. */
    @POST
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response roles(@RestPath String username, @RestForm List<String> roles) {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Role> parsed = parseRoles(roles, errors);
        if (parsed.isEmpty()) {
            errors.putIfAbsent("roles", "at least one role is required");
        }
        if (!errors.isEmpty()) {
            return back(username, null, errors.values().iterator().next());
        }
        return apply(username, "roles", () -> staff.update(actor(), username, parsed, null, null, null));
    }

    /** Takes the wanted state, not a toggle, so a repeated click cannot flip it back. */
    @POST
    @Path("{username}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enabled(@RestPath String username, @RestForm String enabled) {
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            return back(username, null, "enabled: must be true or false");
        }
        boolean wanted = Boolean.parseBoolean(enabled);
        return apply(
                username,
                wanted ? "enabled" : "disabled",
                () -> staff.update(actor(), username, null, wanted, null, null));
    }

    private Response apply(String username, String done, Runnable change) {
        try {
            change.run();
            return back(username, done, null);
        } catch (ProblemException e) {
            return back(username, null, e.problem().detail());
        }
    }

    private static Response back(String username, String done, String error) {
        String query = done != null ? "done=" + done : "error=" + encode(error);
        return Response.seeOther(URI.create("/console/users?" + query + "&name=" + encode(username)))
                .build();
    }

    private TemplateInstance page(UserForm form, Notice notice) {
        return view.render(Templates.users(view.chrome("users"), staff.list(), form, notice, List.of(Role.values())));
    }

    private static Set<Role> parseRoles(List<String> roles, Map<String, String> errors) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String r : roles == null ? List.<String>of() : roles) {
            try {
                parsed.add(Role.of(r));
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent("roles", e.getMessage());
            }
        }
        return parsed;
    }

    private static Map<String, String> fieldErrors(Problem problem) {
        Map<String, String> out = new LinkedHashMap<>();
        if (problem.errors() != null) {
            problem.errors().forEach(fe -> out.putIfAbsent(fe.field(), fe.message()));
        }
        if (out.isEmpty()) {
            out.put(problem.field() != null ? problem.field() : "form", problem.detail());
        }
        return out;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
