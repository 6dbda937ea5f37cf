package dev.tocsin.broadcast;

import static io.restassured.RestAssured.given;

import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Staff for the broadcast tests: two operators and an approver. */
@ApplicationScoped
public class BroadcastFixtures {

    static final String PASSWORD = "broadcast-test-password";
    static final String OPERATOR = "bc-operator";
    static final String OPERATOR2 = "bc-operator2";
    static final String APPROVER = "bc-approver";

    private final StaffService staff;

    BroadcastFixtures(StaffService staff) {
        this.staff = staff;
    }

    void ensureUsers() {
        for (Map.Entry<String, Role> e : Map.of(
                        OPERATOR, Role.OPERATOR, OPERATOR2, Role.OPERATOR, APPROVER, Role.APPROVER)
                .entrySet()) {
            if (staff.find(e.getKey()).isEmpty()) {
                staff.create("test", e.getKey(), PASSWORD, Set.of(e.getValue()), e.getKey());
            }
        }
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType("application/json");
    }

    /** The bodies the built-in Twilio sandbox received for {@code phone}, read over its HTTP API. */
    static List<String> sandboxBodies(String phone) {
        return dev.tocsin.testing.SandboxSms.bodies(phone);
    }
}
