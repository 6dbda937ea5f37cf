package dev.tocsin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The first admin the test profile creates, and requests made as that account. */
public final class Staff {

    public static final String ADMIN = "admin";
    /** {@code %test.tocsin.admin-password} in application.properties. */
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private Staff() {}

    /** A request as the admin over HTTP Basic. */
    public static RequestSpecification admin() {
        return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    /** {@link #admin()} with a JSON body. */
    public static RequestSpecification adminJson() {
        return admin().contentType("application/json");
    }

    /** {@code user:password} for an Authorization header built by hand. */
    public static String adminBasicCredentials() {
        return ADMIN + ":" + ADMIN_PASSWORD;
    }
}
