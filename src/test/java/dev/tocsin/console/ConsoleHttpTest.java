package dev.tocsin.console;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's HTTP contract without a browser: auth per path, CSRF, throttling, redirects. */
@QuarkusTest
class ConsoleHttpTest {

    static Map<String, String> login(String user, String password) {
        return dev.tocsin.testing.ConsoleLogin.login(user, password);
    }

    @Test
    void languageSwitchGoesBackOnlyToAWellFormedConsolePath() {
        given().redirects()
                .follow(false)
                .get("/console/lang?to=en&back=/console/areas")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/areas"));
        // Found by the wapiti scan: characters a URI cannot hold answered 500.
        for (String back : List.of(
                "/console%C2%BF%27%22%28",
                "/console/%C2%BF%27%22%28", "//evil.example/console", "/consolex", "https://evil.example/console")) {
            given().redirects()
                    .follow(false)
                    .urlEncodingEnabled(false)
                    .get("/console/lang?to=en&back=" + back)
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("/console"));
        }
    }

    @Test
    void rootOpensTheConsole() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console"));
    }

    @Test
    void anonymousConsolePageRedirectsToLoginWhileApiStillAnswers401ProblemJson() {
        given().redirects()
                .follow(false)
                .get("/console/users")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/login"));
        given().get("/api/users")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("status", equalTo(401));
    }

    @Test
    void apiKeepsBasicAuthAndIgnoresTheConsoleSession() {
        admin().get("/api/users/admin").then().statusCode(200).body("username", equalTo("admin"));
        Map<String, String> session = login("admin", Staff.ADMIN_PASSWORD);
        given().cookies(session).get("/api/users/admin").then().statusCode(401);
    }

    @Test
    void signedInAdminSeesTheDashboardInTheRequestedLanguage() {
        Map<String, String> session = login("admin", Staff.ADMIN_PASSWORD);
        given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console")
                .then()
                .statusCode(200)
                .body(containsString("Dashboard"))
                .body(containsString("id=\"count-users\""));
        given().cookies(session)
                .cookie(ConsoleLanguage.COOKIE, "zh-CN")
                .get("/console")
                .then()
                .statusCode(200)
                .body(containsString("概览"));
    }

    @Test
    void formPostWithoutTheCsrfTokenIsRefused() {
        String victim = "csrf-victim-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Map<String, String> session = login("admin", Staff.ADMIN_PASSWORD);
        given().cookies(session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", victim)
                .formParam("password", "long-enough-password")
                .formParam("roles", "operator")
                .post("/console/users")
                .then()
                .statusCode(403)
                .body(containsString("csrf"));
        admin().get("/api/users/" + victim).then().statusCode(404);
    }

    @Test
    void sixthFailedSignInOfAUserFromOneAddressIsThrottledWith429() {
        for (int i = 0; i < 5; i++) {
            given().redirects()
                    .follow(false)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("j_username", "throttle-9")
                    .formParam("j_password", "wrong-" + i)
                    .post("/console/j_security_check")
                    .then()
                    .statusCode(302)
                    .header("Location", containsString("error=credentials"));
        }
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "throttle-9")
                .formParam("j_password", "wrong-again")
                .post("/console/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("error=throttled"));
        given().header("Accept-Language", "en")
                .get("/console/login?error=throttled")
                .then()
                .statusCode(429)
                .header("Retry-After", "900")
                .body(containsString("Too many failed sign-ins"));
        // Another user from the same address is not affected.
        login("admin", Staff.ADMIN_PASSWORD);
    }

    @Test
    void theSameCreateFormSubmittedTwiceCreatesTheUserOnceAndAnswersBothAlike() {
        String name = "twice-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Map<String, String> session = login("admin", Staff.ADMIN_PASSWORD);
        Response page = given().cookies(session).get("/console/users");
        String csrf = page.getCookie(ConsoleView.CSRF_COOKIE);
        java.util.regex.Matcher form = java.util.regex.Pattern.compile("name=\"_form\" value=\"([^\"]+)\"")
                .matcher(page.asString());
        assertThat(form.find()).isTrue();
        for (int i = 0; i < 2; i++) {
            given().redirects()
                    .follow(false)
                    .cookies(session)
                    .cookie(ConsoleView.CSRF_COOKIE, csrf)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("_csrf", csrf)
                    .formParam("_form", form.group(1))
                    .formParam("username", name)
                    .formParam("password", "twice-nine-password")
                    .formParam("roles", "operator")
                    .post("/console/users")
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("done=created"));
        }
        admin().get("/api/audit?subject=user:" + name).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aShortPasswordIsRefusedOnItsFieldWithTheApiMessage() {
        Map<String, String> session = login("admin", Staff.ADMIN_PASSWORD);
        Response page = given().cookies(session).get("/console/users");
        String csrf = page.getCookie(ConsoleView.CSRF_COOKIE);
        given().cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .header("Accept-Language", "en")
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .formParam("username", "Bad Name")
                .formParam("password", "short")
                .post("/console/users")
                .then()
                .statusCode(400)
                .body(containsString("id=\"password-error\">must be 10-200 characters"))
                .body(containsString("id=\"username-error\">2-64 lowercase letters"))
                .body(containsString("id=\"roles-error\""));
    }
}
