package dev.tocsin.platform.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document declares what the endpoints really answer, errors included. */
@QuarkusTest
class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        String json = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return new ObjectMapper().readTree(json);
    }

    private static JsonNode responses(JsonNode doc, String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isMissingNode())
                .as(method + " " + path + " is in the document")
                .isFalse();
        return op.path("responses");
    }

    private static List<String> codes(JsonNode responses) {
        List<String> out = new ArrayList<>();
        responses.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void createsAnswer201WithTheirSchemaAndDeletes204() throws Exception {
        JsonNode doc = document();
        for (Map.Entry<String, String> create : Map.of(
                        "/api/broadcasts",
                        "post",
                        "/api/areas",
                        "post",
                        "/api/residents",
                        "post",
                        "/api/users",
                        "post",
                        "/api/templates",
                        "post",
                        "/api/terminals",
                        "post",
                        "/api/cap/rules",
                        "post")
                .entrySet()) {
            JsonNode r = responses(doc, create.getKey(), create.getValue());
            assertThat(codes(r)).as(create.getKey()).contains("201").doesNotContain("200");
            assertThat(r.path("201")
                            .path("content")
                            .path("application/json")
                            .path("schema")
                            .path("$ref")
                            .asText())
                    .as(create.getKey() + " 201 schema")
                    .startsWith("#/components/schemas/");
        }
        for (String delete :
                List.of("/api/areas/{code}", "/api/residents/{id}", "/api/templates/{id}", "/api/cap/rules/{id}")) {
            assertThat(codes(responses(doc, delete, "delete")))
                    .as(delete)
                    .contains("204", "404", "409")
                    .doesNotContain("200");
        }
    }

    @Test
    void errorsAreDeclaredAsProblemJsonWhereTheyCanHappen() throws Exception {
        JsonNode doc = document();
        assertThat(codes(responses(doc, "/api/broadcasts", "post")))
                .contains("201", "400", "401", "403", "409", "413", "415");
        assertThat(codes(responses(doc, "/api/broadcasts/{id}/approve", "post")))
                .contains("404", "409");
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("Problem")
                        .path("properties")
                        .has("field"))
                .isTrue();
        List<String> wrong = new ArrayList<>();
        doc.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    JsonNode o = op.getValue();
                    if (!o.has("responses")) {
                        return;
                    }
                    String name = op.getKey().toUpperCase() + " " + path.getKey();
                    List<String> c = codes(o.path("responses"));
                    if (path.getKey().contains("{") && !c.contains("404")) {
                        wrong.add(name + " has a path parameter but no 404");
                    }
                    if (o.has("requestBody") && !c.containsAll(List.of("400", "413", "415"))) {
                        wrong.add(name + " takes a body but lacks 400/413/415");
                    }
                    o.path("responses").fields().forEachRemaining(r -> {
                        if (r.getKey().startsWith("4")
                                && !r.getValue()
                                        .path("content")
                                        .path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asText()
                                        .endsWith("/Problem")) {
                            wrong.add(name + " " + r.getKey() + " is not problem+json");
                        }
                    });
                }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theHtmlConsoleIsNotPartOfTheApiDocument() throws Exception {
        List<String> console = new ArrayList<>();
        document().path("paths").fieldNames().forEachRemaining(p -> {
            if (p.startsWith("/console")) {
                console.add(p);
            }
        });
        assertThat(console).isEmpty();
    }
}
