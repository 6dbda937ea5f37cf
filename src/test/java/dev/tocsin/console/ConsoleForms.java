package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console page opened by a signed-in user, ready to post its form as a browser would: the
 * session, the CSRF cookie and field, and the page's one-time form token when it has one.
 */
record ConsoleForms(Map<String, String> session, Response page, String csrf, String formToken) {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_form\" value=\"([^\"]+)\"");

    static ConsoleForms open(Map<String, String> session, String path) {
        Response page = given().cookies(session).header("Accept-Language", "en").get(path);
        assertThat(page.statusCode()).as("GET %s", path).isEqualTo(200);
        String csrf = page.getCookie(ConsoleView.CSRF_COOKIE);
        assertThat(csrf).as("CSRF cookie of %s", path).isNotBlank();
        Matcher m = FORM_TOKEN.matcher(page.asString());
        return new ConsoleForms(session, page, csrf, m.find() ? m.group(1) : null);
    }

    /** A form post of this page's session, without following the redirect that answers it. */
    RequestSpecification post() {
        RequestSpecification r = given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("_csrf", csrf);
        return formToken == null ? r : r.formParam("_form", formToken);
    }
}
