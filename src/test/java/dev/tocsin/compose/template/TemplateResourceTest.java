package dev.tocsin.compose.template;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateResourceTest {

    private static RequestSpecification operator() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", "tpl-operator", "password", "tpl-operator-pw", "roles", List.of("operator")))
                .post("/api/users");
        return given().auth().preemptive().basic("tpl-operator", "tpl-operator-pw");
    }

    private static Map<String, Object> definition(String id, String smsText) {
        return Map.of(
                "id",
                id,
                "name",
                Map.of("zh-CN", "测试", "en", "Test"),
                "category",
                "Safety",
                "severity",
                "Minor",
                "urgency",
                "Future",
                "certainty",
                "Possible",
                "smsSegmentLimit",
                1,
                "variables",
                List.of(Map.of("name", "area", "type", "area", "required", true, "maxLength", 10)),
                "renditions",
                List.of(
                        Map.of("channel", "sms", "language", "zh-CN", "text", smsText),
                        Map.of("channel", "loudspeaker", "language", "zh-CN", "text", "{area}注意安全。", "key", "注意安全。")));
    }

    @Test
    void operatorListsSeedTemplatesAndReadsOneWithItsVersions() {
        operator()
                .get("/api/templates")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "cold-wave",
                                "charcoal-carbon-monoxide",
                                "festival-fireworks",
                                "fire-safety",
                                "snow-load",
                                "work-resumption",
                                "all-clear"))
                .body("find { it.id == 'cold-wave' }.name.'zh-CN'", equalTo("寒潮、冻雨、道路结冰"));
        operator()
                .get("/api/templates/cold-wave")
                .then()
                .statusCode(200)
                .body("definition.variables.name", hasItems("area", "period", "lowTemperature", "hotline"))
                .body("definition.variables.find { it.name == 'lowTemperature' }.type", equalTo("number"))
                .body("versions.version", hasItem(1));
    }

    @Test
    void operatorCannotCreateTemplates() {
        operator()
                .contentType(ContentType.JSON)
                .body(definition("tpl-by-operator", "{area}注意。"))
                .post("/api/templates")
                .then()
                .statusCode(403);
    }

    @Test
    void adminCreatesEditsAndRetiresATemplateKeepingOldVersions() {
        admin().contentType(ContentType.JSON)
                .body(definition("tpl-crud", "{area}请注意安全。"))
                .post("/api/templates")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/templates/tpl-crud"))
                .body("currentVersion", equalTo(1));
        admin().contentType(ContentType.JSON)
                .body(definition("tpl-crud", "{area}请务必注意安全。"))
                .put("/api/templates/tpl-crud?baseVersion=1")
                .then()
                .statusCode(200)
                .body("currentVersion", equalTo(2));
        admin().contentType(ContentType.JSON)
                .body(definition("tpl-crud", "{area}第三版。"))
                .put("/api/templates/tpl-crud?baseVersion=1")
                .then()
                .statusCode(409)
                .body("field", equalTo("baseVersion"));
        operator()
                .get("/api/templates/tpl-crud?version=1")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("definition.renditions[0].text", equalTo("{area}请注意安全。"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "templateId", "tpl-crud", "version", 1, "variables", Map.of("area", "全区"), "language", "zh-CN"))
                .post("/api/compose/preview")
                .then()
                .statusCode(200)
                .body("sms.text", equalTo("【资阳区应急管理局】全区请注意安全。"));
        admin().delete("/api/templates/tpl-crud").then().statusCode(204);
        operator().get("/api/templates").then().body("id", not(hasItem("tpl-crud")));
        operator().get("/api/templates?all=true").then().body("id", hasItem("tpl-crud"));
    }

    @Test
    void templateTextMayOnlyUseDeclaredVariablesAndNoNamespaces() {
        admin().contentType(ContentType.JSON)
                .body(definition("tpl-bad", "{inject:composeService}{wind}"))
                .post("/api/templates")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("renditions[0].text"))
                .body("detail", containsString("namespace 'inject:' is not allowed"))
                .body("detail", containsString("undeclared variable 'wind'"));
        admin().contentType(ContentType.JSON)
                .body(definition("tpl-bad", "{area"))
                .post("/api/templates")
                .then()
                .statusCode(400)
                .body("field", equalTo("renditions[0].text"));
    }

    @Test
    void badDefinitionsAreRefusedByField() {
        Map<String, Object> bad = new java.util.HashMap<>(definition("tpl-bad2", "{area}"));
        bad.put("severity", "Apocalyptic");
        admin().contentType(ContentType.JSON)
                .body(bad)
                .post("/api/templates")
                .then()
                .statusCode(400)
                .body("field", equalTo("severity"))
                .body("detail", containsString("Extreme, Severe, Moderate, Minor, Unknown"));
        admin().contentType(ContentType.JSON)
                .body(definition("cold-wave", "{area}"))
                .post("/api/templates")
                .then()
                .statusCode(409)
                .body("field", equalTo("id"));
        operator().get("/api/templates/nope").then().statusCode(404);
        operator()
                .get("/api/templates/cold-wave?version=x")
                .then()
                .statusCode(400)
                .body("field", equalTo("version"));
    }
}
