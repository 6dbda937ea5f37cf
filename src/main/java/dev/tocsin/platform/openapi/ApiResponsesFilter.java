package dev.tocsin.platform.openapi;

import dev.tocsin.platform.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares in the OpenAPI document the error answers every endpoint really gives, as
 * problem+json: the scanner only sees return types, so it knew neither the 4xx nor their body.
 * Success statuses other than 200 (201, 204) are declared on the resource methods themselves.
 */
public class ApiResponsesFilter implements OASFilter {

    static final String PROBLEM = "Problem";

    /** Paths whose state-changing operations refuse with 409 (lifecycle, uniqueness, in-use). */
    private static final List<String> CONFLICTING = List.of(
            "/api/areas",
            "/api/residents",
            "/api/broadcasts",
            "/api/cap/rules",
            "/api/cap/proposals",
            "/api/templates",
            "/api/terminals",
            "/api/users",
            "/api/audio/place-names");

    private static final Set<PathItem.HttpMethod> CHANGING = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.DELETE, PathItem.HttpMethod.PATCH);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(PROBLEM, problemSchema());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations().forEach((method, op) -> declareErrors(path, method, op)));
    }

    private void declareErrors(String path, PathItem.HttpMethod method, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses r = op.getResponses();
        boolean body = op.getRequestBody() != null;
        boolean params =
                body || (op.getParameters() != null && !op.getParameters().isEmpty());
        if (params) {
            put(r, "400", "Invalid input: the problem names the field");
        }
        if (r.hasAPIResponse("401")) {
            put(r, "401", "Not signed in (HTTP Basic, or a terminal's bearer token)");
        }
        if (r.hasAPIResponse("403")) {
            put(r, "403", "The role does not allow this action");
        }
        if (path.contains("{")) {
            put(r, "404", "Nothing with that identifier");
        }
        if (CHANGING.contains(method) && CONFLICTING.stream().anyMatch(path::startsWith)) {
            put(r, "409", "Refused in the current state (lifecycle, uniqueness or in use)");
        }
        if (body) {
            put(r, "413", "Body too large");
            put(r, "415", "Unsupported content type");
        }
        if (params) {
            put(r, "414", "Request line too long");
        }
    }

    private static void put(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        APIResponse r = existing != null ? existing : OASFactory.createAPIResponse();
        if (r.getDescription() == null
                || r.getDescription().isBlank()
                || existing == null
                || r.getDescription().equals("Not Authorized")
                || r.getDescription().equals("Not Allowed")
                || r.getDescription().equals("Bad Request")) {
            r.setDescription(description);
        }
        r.setContent(OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM))));
        responses.addAPIResponse(status, r);
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", string, "message", string));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem detail; field names the offending input")
                .properties(Map.of(
                        "type",
                        string,
                        "title",
                        string,
                        "status",
                        OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail",
                        string,
                        "field",
                        string,
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError)))
                .required(List.of("title", "status"));
    }
}
