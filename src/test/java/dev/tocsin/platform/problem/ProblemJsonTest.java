package dev.tocsin.platform.problem;

import static dev.tocsin.testing.Staff.adminJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemJsonTest {

    @Test
    void malformedJsonIs400Problem() {
        adminJson()
                .body("{\"username\": \"x\",")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void trailingContentAfterTheJsonValueIs400Problem() {
        adminJson()
                .body("{\"username\":\"trailing\",\"password\":\"correct-horse-1\",\"roles\":[\"operator\"]} {}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        adminJson()
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("trailing")));
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheChoices() {
        adminJson()
                .body("{\"username\":\"enumtest\",\"password\":\"correct-horse-1\",\"roles\":[\"operator\",\"boss\"]}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("roles[1]"))
                .body("detail", containsString("operator, approver, admin"));
    }

    @Test
    void wrongShapeNamesTheField() {
        adminJson()
                .body("{\"username\":\"shapetest\",\"password\":\"correct-horse-1\",\"roles\":\"operator\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("roles"));
        adminJson()
                .body("{\"enabled\":\"maybe\"}")
                .put("/api/users/admin")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("enabled"));
    }

    @Test
    void aNullRoleIs400NamingRolesOnCreateAndUpdate() {
        adminJson()
                .body("{\"username\":\"nullrole\",\"password\":\"correct-horse-1\",\"roles\":[null]}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("roles"));
        adminJson()
                .body("{\"roles\":[null]}")
                .put("/api/users/admin")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("roles"));
    }

    @Test
    void aFormBodyOfEmptyPairsIsRefusedWithoutAServerError() {
        for (String path : java.util.List.of("/webhooks/twilio/status", "/webhooks/twilio/inbound")) {
            given().contentType("application/x-www-form-urlencoded")
                    .body("=&=&")
                    .post(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().auth()
                .preemptive()
                .basic("AC5a4db0c0000000000000000000000000", "sandbox-auth-token")
                .contentType("application/x-www-form-urlencoded")
                .body("=&=&")
                .post("/2010-04-01/Accounts/AC5a4db0c0000000000000000000000000/Messages.json")
                .then()
                .statusCode(400)
                .body("code", equalTo(21604));
        given().contentType("application/x-www-form-urlencoded")
                .body("To=%zz")
                .post("/webhooks/twilio/inbound")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRequestLineOver4KbIs414Problem() {
        given().get("/api/areas?q=" + "a".repeat(5000))
                .then()
                .statusCode(414)
                .contentType("application/problem+json")
                .body("status", equalTo(414));
    }

    @Test
    void unknownFieldIsRejectedByName() {
        adminJson()
                .body("{\"username\":\"unk\",\"password\":\"correct-horse-1\",\"roles\":[\"operator\"],\"salary\":1}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("salary"));
    }

    @Test
    void beanValidationErrorsListEveryField() {
        adminJson()
                .body("{\"username\":\"A B\",\"password\":\"short\",\"roles\":[]}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("username", "password", "roles"));
    }

    @Test
    void oversizeJsonBodyIs413Problem() {
        String big = "{\"displayName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        adminJson()
                .body(big)
                .put("/api/users/admin")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void unknownPathIs404ProblemWithoutInternals() {
        adminJson()
                .get("/api/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    @Test
    void missingBodyIs400Problem() {
        adminJson().post("/api/users").then().statusCode(400).contentType("application/problem+json");
    }
}
