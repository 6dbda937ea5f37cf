package dev.tocsin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Map;

/** A signed-in console session's cookies, for tests of any package that read console pages. */
public final class ConsoleLogin {

    private ConsoleLogin() {}

    public static Map<String, String> login(String user, String password) {
        Response r = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user)
                .formParam("j_password", password)
                .post("/console/j_security_check");
        assertThat(r.statusCode()).as("sign-in redirect").isEqualTo(302);
        assertThat(r.header("Location")).doesNotContain("error");
        return r.getCookies();
    }
}
