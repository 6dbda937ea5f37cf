package dev.tocsin.console;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating proxy the connection is plain http but the public URL is https:
 * cookies are Secure and HSTS is sent all the same.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
@TestProfile(ConsoleHttpsHeadersTest.HttpsPublicUrl.class)
class ConsoleHttpsHeadersTest {

    public static class HttpsPublicUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.public-url", "https://alerts.example.org");
        }
    }

    @Test
    void sessionAndCsrfCookiesAreSecureAndHstsIsSent() {
        Response signIn = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin")
                .formParam("j_password", Staff.ADMIN_PASSWORD)
                .post("/console/j_security_check");
        assertThat(signIn.statusCode()).isEqualTo(302);
        String session = signIn.headers().getValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("tocsin-session="))
                .findFirst()
                .orElseThrow();
        assertThat(session)
                .containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        assertThat(signIn.header("Strict-Transport-Security")).startsWith("max-age=");

        Response page = given().cookie("tocsin-session", signIn.getCookie("tocsin-session"))
                .get("/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Strict-Transport-Security")).startsWith("max-age=");
        String csrf = page.headers().getValues("Set-Cookie").stream()
                .filter(v -> v.startsWith(ConsoleView.CSRF_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(csrf).containsIgnoringCase("; Secure");
        assertThat(admin().get("/api/users").header("Strict-Transport-Security"))
                .startsWith("max-age=");
    }
}
