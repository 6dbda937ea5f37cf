package dev.tocsin.audience;

import dev.tocsin.alert.Languages;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;

/** Audience preview (how many people and terminals a notice would reach) and read-only settings. */
@Path("/api/audience")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class AudienceResource {

    private final AudienceService audience;
    private final Languages languages;
    private final PhoneNumbers phones;

    AudienceResource(AudienceService audience, Languages languages, PhoneNumbers phones) {
        this.audience = audience;
        this.languages = languages;
        this.phones = phones;
    }

    public record PreviewRequest(
            @Size(max = 500) List<@NotNull @Size(max = 32) String> areaCodes,
            @Size(max = 50) Set<@NotNull @Size(max = 64) String> tags,
            @Size(max = 20) Set<@NotNull @Size(max = 35) String> languages,
            Boolean testOnly,
            Boolean includeOptedOut) {}

    /** The settings the console shows next to a target selection. */
    public record Settings(
            boolean urgentOverridesOptOut,
            String defaultRegion,
            List<String> supportedLanguages,
            String defaultLanguage) {}

    @POST
    @Path("preview")
    public AudienceService.Counts preview(@Valid @NotNull PreviewRequest body) {
        boolean includeOptedOut = Boolean.TRUE.equals(body.includeOptedOut());
        if (includeOptedOut && !audience.optOutOverrideAllowed()) {
            throw ProblemException.badRequest(
                    "includeOptedOut",
                    "this deployment does not let alerts override opt-out (tocsin.audience.urgent-overrides-opt-out=false)");
        }
        return audience.count(new AudienceQuery(
                body.areaCodes(),
                body.tags(),
                body.languages(),
                Boolean.TRUE.equals(body.testOnly()),
                includeOptedOut));
    }

    @GET
    @Path("settings")
    public Settings settings() {
        return new Settings(
                audience.optOutOverrideAllowed(), phones.region(), languages.supported(), languages.fallback());
    }
}
