package dev.tocsin.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A drill changes the sandbox's faults field by field; nothing it leaves out is reset. */
@QuarkusTest
class SandboxFaultsApiTest {

    @Inject
    SandboxFaults faults;

    private SandboxFaults.Settings original;

    @BeforeEach
    void remember() {
        original = faults.settings();
    }

    @AfterEach
    void restore() {
        faults.update(original);
    }

    private static RequestSpecification sandbox() {
        return given().auth()
                .preemptive()
                .basic(
                        dev.tocsin.sms.TwilioAccount.SANDBOX_ACCOUNT_SID,
                        dev.tocsin.sms.TwilioAccount.SANDBOX_AUTH_TOKEN)
                .contentType("application/json");
    }

    @Test
    void anEmptyChangeChangesNothingAndOneFieldChangesOnlyThatField() {
        faults.update(new SandboxFaults.Settings(
                5, 0.2, 0.1, 3, 0.05, 700, 42, Map.of("+8613800000001", 21610), true, 10, 20));
        SandboxFaults.Settings before = faults.settings();
        sandbox()
                .body("{}")
                .put("/sandbox/twilio/faults")
                .then()
                .statusCode(200)
                .body("callbacks", equalTo(true))
                .body("errorRate", equalTo(0.2f));
        assertThat(faults.settings()).isEqualTo(before);

        sandbox()
                .body("{\"errorRate\":0.3}")
                .put("/sandbox/twilio/faults")
                .then()
                .statusCode(200)
                .body("errorRate", equalTo(0.3f))
                .body("throttleRate", equalTo(0.1f))
                .body("callbacks", equalTo(true));
        assertThat(faults.settings().numberErrors()).containsEntry("+8613800000001", 21610);
        assertThat(faults.settings().seed()).isEqualTo(42);

        sandbox()
                .body("{\"numberErrors\":{},\"callbacks\":false}")
                .put("/sandbox/twilio/faults")
                .then()
                .statusCode(200);
        assertThat(faults.settings().numberErrors()).isEmpty();
        assertThat(faults.settings().callbacks()).isFalse();
        assertThat(faults.settings().latencyMs()).isEqualTo(5);
    }

    @Test
    void anInvalidRateIsRefusedAndLeavesTheSettings() {
        SandboxFaults.Settings before = faults.settings();
        sandbox()
                .body("{\"errorRate\":1.5}")
                .put("/sandbox/twilio/faults")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(faults.settings()).isEqualTo(before);
    }
}
