package dev.tocsin.testing;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;

/**
 * The common steps of a broadcast over the JSON API, for tests of every feature: create, submit,
 * approve. Each step checks the status the API answers, so a test fails at the step that broke.
 * Staff are passed as request suppliers ({@code () -> as(OPERATOR)}) so each request is fresh.
 */
public final class BroadcastSteps {

    private BroadcastSteps() {}

    /** Creates a draft from a JSON body; its id. */
    public static long created(Supplier<RequestSpecification> operator, String body) {
        return operator.get()
                .body(body)
                .post("/api/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
    }

    /** Creates and submits for approval; its id. */
    public static long submitted(Supplier<RequestSpecification> operator, String body) {
        long id = created(operator, body);
        operator.get()
                .post("/api/broadcasts/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("pending_approval"));
        return id;
    }

    /** Approves a submitted broadcast; the detail the API answers. */
    public static JsonPath approve(Supplier<RequestSpecification> approver, long id) {
        return approver.get()
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("approved"))
                .extract()
                .jsonPath();
    }

    /** Creates, submits and approves; its id. */
    public static long approved(
            Supplier<RequestSpecification> operator, Supplier<RequestSpecification> approver, String body) {
        long id = submitted(operator, body);
        approve(approver, id);
        return id;
    }
}
