package dev.tocsin.loudspeaker;

import static dev.tocsin.loudspeaker.TerminalFixtures.areas;
import static dev.tocsin.loudspeaker.TerminalFixtures.code;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tocsin.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIP and multicast terminals through the staff API: validation, and the password kept sealed. */
@QuarkusTest
class PagingSettingsTest {

    private static final String PASSWORD = "horn-Pa55-word";

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    PagingSecrets secrets;

    private static Map<String, Object> body(String code, String area, Map<String, Object> paging) {
        Map<String, Object> b = new HashMap<>();
        b.put("code", code);
        b.put("name", "IP speaker " + code);
        b.put("area", area);
        b.put("zone", "Asia/Shanghai");
        b.put("volumePreset", 80);
        b.put("paging", paging);
        return b;
    }

    private static Map<String, Object> sip(String uri, String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("kind", "sip");
        p.put("uri", uri);
        p.put("username", user);
        p.put("password", password);
        return p;
    }

    @Test
    void theSipPasswordIsStoredSealedAndNeverShownOrAudited() {
        String area = areas(clock)[1];
        String code = code("SIP");
        String created = admin().contentType(ContentType.JSON)
                .body(body(code, area, sip("sip:horn@192.0.2.10:5060", "horn7", PASSWORD)))
                .post("/api/terminals")
                .then()
                .statusCode(201)
                .body("terminal.paging.kind", equalTo("sip"))
                .body("terminal.paging.uri", equalTo("sip:horn@192.0.2.10:5060"))
                .body("terminal.paging.username", equalTo("horn7"))
                .body("terminal.paging.passwordSet", equalTo(true))
                .body("terminal.paging.password", nullValue())
                .extract()
                .asString();
        assertThat(created).doesNotContain(PASSWORD);
        assertThat(admin().get("/api/terminals/" + code).asString()).doesNotContain(PASSWORD);
        assertThat(admin().get("/api/terminals?area=" + area).asString()).doesNotContain(PASSWORD);

        String sealed = QuarkusTransaction.requiringNew()
                .call(() -> Terminal.findByCode(code).orElseThrow().sipPasswordSealed);
        assertThat(sealed).startsWith("v1:").doesNotContain(PASSWORD);
        assertThat(secrets.open(code, sealed)).isEqualTo(PASSWORD);
        assertThat(QuarkusTransaction.requiringNew().call(() -> audit.search(null, "terminal:" + code, null, null, 10)))
                .extracting(AuditLog.Entry::detail)
                .allSatisfy(d -> assertThat(d).doesNotContain(PASSWORD))
                .anySatisfy(d -> assertThat(d).contains("paging=sip sip:horn@192.0.2.10:5060"));

        // A change that leaves the password out keeps it; an empty one clears it.
        admin().contentType(ContentType.JSON)
                .body(body(code, area, sip("sip:horn@192.0.2.11", "horn7", null)))
                .put("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("paging.uri", equalTo("sip:horn@192.0.2.11"))
                .body("paging.passwordSet", equalTo(true));
        admin().contentType(ContentType.JSON)
                .body(body(code, area, sip("sip:horn@192.0.2.11", null, "")))
                .put("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("paging.passwordSet", equalTo(false));
    }

    @Test
    void aSealedPasswordOpensOnlyForItsOwnTerminal() {
        String sealed = secrets.seal("SIP-one", PASSWORD);
        assertThat(secrets.open("SIP-one", sealed)).isEqualTo(PASSWORD);
        assertThat(secrets.seal("SIP-one", PASSWORD))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> secrets.open("SIP-two", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badSipSettingsAre400NamingEachFieldAndNothingIsWritten() {
        String area = areas(clock)[1];
        String code = code("SIP");
        admin().contentType(ContentType.JSON)
                .body(body(code, area, sip("http://horn", null, PASSWORD)))
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("paging.uri", "paging.username"));
        admin().contentType(ContentType.JSON)
                .body(body(code, area, sip("sip:horn@192.0.2.10:70000", "a b", null)))
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("paging.uri", "paging.username"));
        admin().contentType(ContentType.JSON)
                .body(body(code, area, Map.of("kind", "fax")))
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("paging.kind"));
        admin().get("/api/terminals/" + code).then().statusCode(404);
    }

    @Test
    void aMulticastGroupIsValidatedAndTakesNoPassword() {
        String area = areas(clock)[1];
        String code = code("MC");
        admin().contentType(ContentType.JSON)
                .body(body(
                        code,
                        area,
                        Map.of(
                                "kind",
                                "multicast",
                                "group",
                                "10.1.2.3:80",
                                "ttl",
                                0,
                                "codec",
                                "G729",
                                "password",
                                "x")))
                .post("/api/terminals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        containsInAnyOrder("paging.group", "paging.ttl", "paging.codec", "paging.password"));
        admin().contentType(ContentType.JSON)
                .body(body(code, area, Map.of("kind", "multicast", "group", "239.255.42.99:5004")))
                .post("/api/terminals")
                .then()
                .statusCode(201)
                .body("terminal.paging.kind", equalTo("multicast"))
                .body("terminal.paging.group", equalTo("239.255.42.99:5004"))
                .body("terminal.paging.ttl", equalTo(1))
                .body("terminal.paging.codec", equalTo("PCMU"));
        // Back to a box that polls: the paging fields are gone.
        admin().contentType(ContentType.JSON)
                .body(body(code, area, Map.of("kind", "agent")))
                .put("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("paging.kind", equalTo("agent"))
                .body("paging.group", nullValue());
    }
}
