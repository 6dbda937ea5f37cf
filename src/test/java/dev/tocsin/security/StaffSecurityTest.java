package dev.tocsin.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffSecurityTest {

    static final String ADMIN_PASSWORD = Staff.ADMIN_PASSWORD;

    static String newUser(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"correct-horse-1\",\"roles\":[\"" + role + "\"]}")
                .post("/api/users")
                .then()
                .statusCode(201);
        return name;
    }

    @Test
    void firstAdminCanSignInWithConfiguredPassword() {
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("admin"))
                .body("roles", hasItem("admin"));
    }

    @Test
    void anonymousCallerGets401ProblemWithChallenge() {
        given().get("/api/users")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("status", equalTo(401));
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        String wrong = given().auth()
                .preemptive()
                .basic("admin", "not-the-password")
                .get("/api/me")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        String unknown = given().auth()
                .preemptive()
                .basic("nobody-here", "not-the-password")
                .get("/api/me")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void operatorCannotManageUsers() {
        String op = newUser("operator");
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .get("/api/users")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .contentType(ContentType.JSON)
                .body("{\"username\":\"sneaky\",\"password\":\"correct-horse-1\",\"roles\":[\"admin\"]}")
                .post("/api/users")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("operator"));
    }

    @Test
    void disabledUserGets401AndReenabledUserSignsInAgain() {
        String op = newUser("operator");
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .get("/api/me")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .put("/api/users/" + op)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .get("/api/me")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":true}")
                .put("/api/users/" + op)
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(op, "correct-horse-1")
                .get("/api/me")
                .then()
                .statusCode(200);
    }

    @Test
    void adminRerolesUserAndChangedPasswordTakesEffectAtOnce() {
        String user = newUser("operator");
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"roles\":[\"approver\"],\"password\":\"another-horse-2\"}")
                .put("/api/users/" + user)
                .then()
                .statusCode(200)
                .body("roles", equalTo(java.util.List.of("approver")));
        given().auth()
                .preemptive()
                .basic(user, "correct-horse-1")
                .get("/api/me")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic(user, "another-horse-2")
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", equalTo(java.util.List.of("approver")));
    }

    @Test
    void duplicateUsernameIsAConflictNamingTheField() {
        String user = newUser("approver");
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"correct-horse-1\",\"roles\":[\"operator\"]}")
                .post("/api/users")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("username"));
    }

    @Test
    void lastAdminCannotBeDisabled() {
        // Other tests may have created admins; the rule is checked against the last one standing.
        StaffService.Account admin = io.quarkus.arc.Arc.container()
                .instance(StaffService.class)
                .get()
                .find("admin")
                .orElseThrow();
        org.assertj.core.api.Assertions.assertThat(admin.roles()).isEqualTo(Set.of(Role.ADMIN));
        given().auth()
                .preemptive()
                .basic("admin", ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .put("/api/users/admin")
                .then()
                .statusCode(409)
                .body("detail", containsString("last enabled admin"));
    }

    @Test
    void healthMetricsAndOpenApiArePublic() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/users"));
    }
}
