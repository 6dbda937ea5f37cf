package dev.tocsin.platform.db;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service starts while its database is unreachable, answers not-ready and 503, and
 * recovers by itself once the database appears, without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseDownAtStartTest.UnreachableDatabase.class)
class DatabaseDownAtStartTest {

    static final int PORT = freePort();
    static Server server;

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:tcp://127.0.0.1:" + PORT + "/mem:downatstart;DB_CLOSE_DELAY=-1",
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "2S",
                    "quarkus.datasource.db-kind",
                    "h2",
                    "quarkus.flyway.locations",
                    "db/migration,db/vendor/h2");
        }
    }

    @Test
    void notReadyWhileDatabaseIsDownThenRecoversWithoutRestart() throws Exception {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
        admin().get("/api/users").then().statusCode(503).contentType("application/problem+json");

        server = Server.createTcpServer("-tcpPort", String.valueOf(PORT), "-ifNotExists")
                .start();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        // The first admin is created once the schema is in place.
        admin().get("/api/users").then().statusCode(200).body("[0].username", equalTo("admin"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
