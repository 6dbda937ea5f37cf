package dev.tocsin.compose;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Logins for endpoint tests: the test admin, plus an operator created through /api/users. */
final class StaffLogins {

    static final String OPERATOR = "compose-operator";
    static final String OPERATOR_PASSWORD = "compose-operator-pw";

    private StaffLogins() {}

    static RequestSpecification operator() {
        // 201 the first time, 409 afterwards: either way the account exists.
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", OPERATOR, "password", OPERATOR_PASSWORD, "roles", List.of("operator")))
                .post("/api/users");
        return given().auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD);
    }
}
