package dev.tocsin.console;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import dev.tocsin.platform.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions end on the server: a cookie saved before a sign-out, a password, role or
 * enabled change, the idle timeout or the absolute lifetime opens nothing afterwards.
 */
@QuarkusTest
class ConsoleSessionHttpTest {

    static final String PASSWORD = "session-test-password";

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String newUser(String prefix, String role) {
        String name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "roles", List.of(role)))
                .post("/api/users")
                .then()
                .statusCode(201);
        return name;
    }

    static void change(String user, Map<String, Object> body) {
        admin().contentType(ContentType.JSON)
                .body(body)
                .put("/api/users/" + user)
                .then()
                .statusCode(200);
    }

    static void opens(Map<String, String> session, String path) {
        given().redirects().follow(false).cookies(session).get(path).then().statusCode(200);
    }

    static void refused(Map<String, String> session, String path) {
        given().redirects()
                .follow(false)
                .cookies(session)
                .get(path)
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/login"));
    }

    static void logout(Map<String, String> session) {
        String csrf = given().cookies(session).get("/console").getCookie(ConsoleView.CSRF_COOKIE);
        given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .post("/console/logout")
                .then()
                .statusCode(303);
    }

    @Test
    void cookieSavedBeforeSignOutOpensNothing() {
        String user = newUser("sess-out", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        Map<String, String> otherDevice = ConsoleHttpTest.login(user, PASSWORD);
        opens(saved, "/console/residents");
        logout(saved);
        refused(saved, "/console");
        refused(saved, "/console/residents");
        refused(otherDevice, "/console");
        // The API never took the cookie: an API-like call with it is 401.
        given().cookies(saved).get("/api/users").then().statusCode(401);
    }

    @Test
    void cookieSavedBeforePasswordChangeOpensNothing() {
        String user = newUser("sess-pw", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        opens(saved, "/console");
        change(user, Map.of("password", "another-session-password"));
        refused(saved, "/console/residents");
        opens(ConsoleHttpTest.login(user, "another-session-password"), "/console");
    }

    @Test
    void cookieSavedBeforeDisableOpensNothingEvenAfterReEnable() {
        String user = newUser("sess-off", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        opens(saved, "/console");
        change(user, Map.of("enabled", false));
        refused(saved, "/console");
        change(user, Map.of("enabled", true));
        refused(saved, "/console/residents");
    }

    @Test
    void cookieSavedBeforeRoleChangeOpensNothing() {
        String user = newUser("sess-role", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        opens(saved, "/console/compose");
        change(user, Map.of("roles", List.of("approver")));
        refused(saved, "/console");
    }

    @Test
    void idleSessionEnds() {
        String user = newUser("sess-idle", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        opens(saved, "/console");
        clock.advance(Duration.ofMinutes(29));
        opens(saved, "/console");
        clock.advance(Duration.ofMinutes(31));
        refused(saved, "/console");
    }

    @Test
    void busySessionEndsAfterItsLifetime() {
        String user = newUser("sess-life", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        for (int i = 0; i < 28; i++) { // 28 x 25 min = 11 h 40 min, never idle for long
            clock.advance(Duration.ofMinutes(25));
            opens(saved, "/console");
        }
        clock.advance(Duration.ofMinutes(25));
        refused(saved, "/console");
    }

    @Test
    void signInStartsANewSessionWhateverCookieCameWithIt() {
        String user = newUser("sess-fix", "operator");
        Map<String, String> first = ConsoleHttpTest.login(user, PASSWORD);
        Response again = given().redirects()
                .follow(false)
                .cookies(first)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user)
                .formParam("j_password", PASSWORD)
                .post("/console/j_security_check");
        assertThat(again.statusCode()).isEqualTo(302);
        String fresh = again.getCookie("tocsin-session");
        assertThat(fresh).isNotBlank().isNotEqualTo(first.get("tocsin-session"));
        opens(Map.of("tocsin-session", fresh), "/console");
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrict() {
        String user = newUser("sess-flags", "operator");
        Response r = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user)
                .formParam("j_password", PASSWORD)
                .post("/console/j_security_check");
        String setCookie = r.headers().getValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("tocsin-session="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Secure");
    }

    @Test
    void signInPageSaysSessionEndedOnlyWhenOneHas() {
        // First visit, also after the redirect from a console page.
        Response first = given().redirects().follow(false).get("/console");
        String location = first.getCookie("quarkus-redirect-location");
        String page = given().cookie("quarkus-redirect-location", location == null ? "x" : location)
                .header("Accept-Language", "en")
                .get("/console/login")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).doesNotContain("login-notice");

        String user = newUser("sess-ended", "operator");
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        String live = given().cookies(saved)
                .header("Accept-Language", "en")
                .get("/console/login")
                .asString();
        assertThat(live).doesNotContain("login-notice");
        change(user, Map.of("password", "changed-session-password"));
        Response ended = given().cookies(saved).header("Accept-Language", "en").get("/console/login");
        assertThat(ended.asString()).contains("id=\"login-notice\"");
        assertThat(ended.headers().getValues("Set-Cookie"))
                .anyMatch(v -> v.startsWith("tocsin-session=;")
                        || v.startsWith("tocsin-session=\"\"")
                        || v.matches("tocsin-session=;?.*Max-Age=0.*"));
    }

    @Test
    void refusedSignInsAndSignOutsAreAudited() {
        String user = newUser("sess-audit", "operator");
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user)
                .formParam("j_password", "wrong-password-123")
                .post("/console/j_security_check")
                .then()
                .statusCode(302);
        Map<String, String> saved = ConsoleHttpTest.login(user, PASSWORD);
        logout(saved);
        List<Map<String, Object>> rows = admin().queryParam("actor", user)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(rows)
                .extracting(r -> r.get("action"))
                .contains("console.sign-in-failed", "console.sign-in", "console.sign-out");
        assertThat(rows)
                .allSatisfy(r -> assertThat(String.valueOf(r.get("detail")))
                        .doesNotContain("wrong-password-123")
                        .doesNotContain(PASSWORD));
        assertThat(rows)
                .filteredOn(r -> "console.sign-in-failed".equals(r.get("action")))
                .allSatisfy(r -> assertThat(String.valueOf(r.get("detail"))).contains("from "));
        assertThat(rows)
                .filteredOn(r -> "console.sign-out".equals(r.get("action")))
                .allSatisfy(r -> assertThat(String.valueOf(r.get("detail"))).contains("from "));
    }
}
