package dev.tocsin.loudspeaker;

import static dev.tocsin.loudspeaker.TerminalFixtures.areas;
import static dev.tocsin.loudspeaker.TerminalFixtures.code;
import static dev.tocsin.loudspeaker.TerminalFixtures.register;
import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TerminalRegistryTest {

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    StaffService staff;

    private static Map<String, Object> body(String code, String area) {
        Map<String, Object> b = new HashMap<>();
        b.put("code", code);
        b.put("name", "Horn");
        b.put("area", area);
        b.put("zone", "Asia/Shanghai");
        b.put("volumePreset", 70);
        return b;
    }

    @Test
    void registrationShowsTheTokenOnceStoresOnlyAHashAndIsAudited() {
        String[] area = areas(clock);
        String code = code("T7");
        String token = register(code, area[1]);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String stored = QuarkusTransaction.requiringNew()
                .call(() -> Terminal.findByCode(code).orElseThrow().tokenHash);
        assertThat(stored).startsWith("sha256:").doesNotContain(token);
        admin().get("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("token", nullValue())
                .body("area", equalTo(area[1]))
                .body("health", equalTo("offline"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> audit.search(null, "terminal:" + code, null, null, 10)))
                .extracting(AuditLog.Entry::action)
                .contains("terminal.register");
    }

    @Test
    void aDisabledTerminalIsRefusedByTheDeviceApiUntilEnabledAgain() {
        String[] area = areas(clock);
        String code = code("T7");
        String token = register(code, area[1]);
        given().header("Authorization", "Bearer " + token)
                .get("/terminal/v1/queue")
                .then()
                .statusCode(200);
        Map<String, Object> off = body(code, area[1]);
        off.put("enabled", false);
        admin().contentType(ContentType.JSON)
                .body(off)
                .put("/api/terminals/" + code)
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + token)
                .get("/terminal/v1/queue")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("disabled"));
        off.put("enabled", true);
        admin().contentType(ContentType.JSON)
                .body(off)
                .put("/api/terminals/" + code)
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + token)
                .get("/terminal/v1/queue")
                .then()
                .statusCode(200);
    }

    @Test
    void badSettingsAre400NamingEachFieldAndNothingIsWritten() {
        String[] area = areas(clock);
        String code = code("T7");
        Map<String, Object> b = body(code, area[1]);
        b.put("zone", "Mars/Olympus");
        b.put("volumePreset", 101);
        b.put("area", "nowhere");
        admin().contentType(ContentType.JSON)
                .body(b)
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("zone", "volumePreset", "area"));
        admin().get("/api/terminals/" + code).then().statusCode(404);
        admin().contentType(ContentType.JSON)
                .body(body("bad code!", area[1]))
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .body("field", equalTo("code"));
        admin().get("/api/terminals?health=sleepy").then().statusCode(400).body("field", equalTo("health"));
    }

    @Test
    void listingFiltersByAreaIncludingVillagesBelowAndUpdatesAreAudited() {
        String[] area = areas(clock);
        String[] elsewhere = areas(clock);
        String a = code("T7");
        String b = code("T7");
        String c = code("T7");
        register(a, area[1]);
        register(b, area[2]);
        register(c, elsewhere[1]);
        admin().get("/api/terminals?area=" + area[0]).then().statusCode(200).body("code", containsInAnyOrder(a, b));
        admin().get("/api/terminals?area=" + area[2]).then().statusCode(200).body("code", containsInAnyOrder(b));

        Map<String, Object> moved = body(a, area[2]);
        moved.put("enabled", false);
        admin().contentType(ContentType.JSON)
                .body(moved)
                .put("/api/terminals/" + a)
                .then()
                .statusCode(200)
                .body("area", equalTo(area[2]))
                .body("enabled", equalTo(false))
                .body("volumePreset", equalTo(70));
        admin().get("/api/terminals?area=" + area[1]).then().statusCode(200).body("code", not(hasItem(a)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> audit.search(null, "terminal:" + a, null, null, 10)))
                .extracting(AuditLog.Entry::action)
                .contains("terminal.update");
    }

    @Test
    void operatorsSeeTerminalsButOnlyAdminsManageThem() {
        String user = "op7" + UUID.randomUUID().toString().substring(0, 6);
        QuarkusTransaction.requiringNew()
                .run(() -> staff.create("admin", user, "operator-password-7", Set.of(Role.OPERATOR), "Op"));
        String[] area = areas(clock);
        String code = code("T7");
        register(code, area[1]);
        given().auth()
                .preemptive()
                .basic(user, "operator-password-7")
                .get("/api/terminals/" + code)
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic(user, "operator-password-7")
                .post("/api/terminals/" + code + "/revoke")
                .then()
                .statusCode(403);
        given().get("/api/terminals").then().statusCode(401);
    }
}
