package dev.tocsin.console;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security headers on every console response, and nosniff/no-store on the JSON API. */
@QuarkusTest
class ConsoleHeadersHttpTest {

    static final List<String> SIGNED_IN_PAGES = List.of(
            "/console",
            "/console/areas",
            "/console/compose",
            "/console/approvals",
            "/console/broadcasts",
            "/console/residents",
            "/console/roster",
            "/console/duty",
            "/console/terminals",
            "/console/calendar",
            "/console/place-names",
            "/console/recordings",
            "/console/phrase-banks/xiang-yiyang",
            "/console/sandbox",
            "/console/cap",
            "/console/audit",
            "/console/users",
            "/console/login");

    static void assertConsoleHeaders(Response r, String what) {
        assertThat(r.header("Content-Security-Policy"))
                .as(what + " CSP")
                .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertThat(r.header("Cache-Control")).as(what).isEqualTo("no-store");
        assertThat(r.header("Strict-Transport-Security"))
                .as(what + ": no HSTS over plain http")
                .isNull();
    }

    @Test
    void everyConsolePageSendsTheSecurityHeaders() {
        Map<String, String> session = ConsoleHttpTest.login("admin", Staff.ADMIN_PASSWORD);
        for (String page : SIGNED_IN_PAGES) {
            Response r = given().redirects().follow(false).cookies(session).get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.contentType()).as(page).startsWith("text/html");
            assertConsoleHeaders(r, page);
        }
    }

    @Test
    void redirectsErrorsStaticFilesAndTheFaviconSendThemToo() {
        Response anonymous = given().redirects().follow(false).get("/console/residents");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertConsoleHeaders(anonymous, "sign-in redirect");
        assertConsoleHeaders(given().redirects().follow(false).get("/"), "root redirect");
        assertConsoleHeaders(given().get("/console/static/console.js"), "script");
        assertConsoleHeaders(given().get("/console/static/console.css"), "stylesheet");
        Response failed = given().redirects().follow(false).get("/console/login?error=credentials");
        assertThat(failed.statusCode()).isEqualTo(401);
        assertConsoleHeaders(failed, "failed sign-in page");
        Response favicon = given().get("/favicon.ico");
        assertThat(favicon.statusCode()).isEqualTo(200);
        assertThat(favicon.contentType()).contains("icon");
        assertThat(favicon.asByteArray()).startsWith(0, 0, 1, 0);
        assertConsoleHeaders(favicon, "favicon");
    }

    @Test
    void consolePagesHaveNoInlineScriptOrStyle() {
        Map<String, String> session = ConsoleHttpTest.login("admin", Staff.ADMIN_PASSWORD);
        for (String page : SIGNED_IN_PAGES) {
            String html = given().cookies(session).get(page).asString();
            assertThat(html)
                    .as(page)
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                    .doesNotContain("style=\"")
                    .doesNotContain("<style")
                    .doesNotContainPattern("\\son[a-z]+=\"");
        }
    }

    @Test
    void theJsonApiSendsNosniffAndNoStore() {
        Response r = admin().get("/api/users");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        Response refused = given().get("/api/users");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    }
}
