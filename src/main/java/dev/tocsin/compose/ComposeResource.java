package dev.tocsin.compose;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;

/** Live preview of a notice in every channel, from a template or from free text. */
@Path("/api/compose")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class ComposeResource {

    private final ComposeService compose;

    ComposeResource(ComposeService compose) {
        this.compose = compose;
    }

    /**
     * Either {@code templateId} (with variables, optional {@code templateVersion}: the name
     * broadcasts and audio use; {@code version} is still read) or {@code text}.
     */
    public record PreviewRequest(
            @Size(max = 64) String templateId,
            @JsonAlias("version") @Min(1) Integer templateVersion,
            Map<String, JsonNode> variables,
            @Size(max = 2000) String text,
            @Size(max = 16) String language,
            @Size(max = 40) String dialect) {}

    @POST
    @Path("preview")
    public Renditions preview(@Valid @NotNull PreviewRequest body) {
        boolean hasTemplate = body.templateId() != null && !body.templateId().isBlank();
        boolean hasText = body.text() != null && !body.text().isBlank();
        if (hasTemplate && hasText) {
            throw ProblemException.badRequest("text", "give either templateId or text, not both");
        }
        if (hasText) {
            if (body.variables() != null && !body.variables().isEmpty()) {
                throw ProblemException.badRequest("variables", "free text has no variables");
            }
            return compose.renderText(body.text(), body.language(), body.dialect());
        }
        if (!hasTemplate) {
            throw ProblemException.badRequest("templateId", "templateId or text is required");
        }
        return compose.render(
                body.templateId(), body.templateVersion(), body.variables(), body.language(), body.dialect());
    }
}
