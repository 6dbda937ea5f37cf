package dev.tocsin.audit;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    @Test
    void creatingAUserIsAuditedAndVisibleToApprovers() {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"correct-horse-1\",\"roles\":[\"approver\"]}")
                .post("/api/users")
                .then()
                .statusCode(201);
        given().auth()
                .preemptive()
                .basic(name, "correct-horse-1")
                .queryParam("subject", "user:" + name)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("action", hasItem("user.create"))
                .body("[0].actor", equalTo("admin"));
    }

    @Test
    void badFilterNamesTheParameter() {
        admin().queryParam("from", "yesterday")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("from"));
        admin().queryParam("limit", "100000")
                .get("/api/audit")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
    }
}
