package dev.tocsin.console;

import static dev.tocsin.testing.Staff.ADMIN;
import static dev.tocsin.testing.Staff.ADMIN_PASSWORD;
import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The terminals page says how a paged speaker is reached, and never shows its password. */
@QuarkusTest
class ConsoleTerminalsPagingHttpTest {

    @Test
    void aSipSpeakerAndAMulticastGroupShowWhereTheyAreCalled() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String secret = "console-secret-" + run;
        String area = String.format("9%011d", Math.abs((long) run.hashCode()) % 100_000_000_000L);
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "Paging village " + run, "kind", "village"))
                .post("/api/areas")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        register(
                "SIPC-" + run,
                area,
                Map.of("kind", "sip", "uri", "sip:horn@192.0.2.77", "username", "u1", "password", secret));
        register("MCC-" + run, area, Map.of("kind", "multicast", "group", "239.255.1.2:6000"));

        String page = given().cookies(ConsoleHttpTest.login(ADMIN, ADMIN_PASSWORD))
                .header("Accept-Language", "zh-CN")
                .get("/console/terminals")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("data-paging=\"sip\">SIP 呼叫 sip:horn@192.0.2.77<")
                .contains("data-paging=\"multicast\">组播 239.255.1.2:6000<")
                .doesNotContain(secret);
    }

    private static void register(String code, String area, Map<String, Object> paging) {
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        code,
                        "name",
                        "Speaker " + code,
                        "area",
                        area,
                        "zone",
                        "Asia/Shanghai",
                        "volumePreset",
                        60,
                        "enabled",
                        false,
                        "paging",
                        paging))
                .post("/api/terminals")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
    }
}
