package dev.tocsin.testing;

import static io.restassured.RestAssured.given;

import dev.tocsin.sms.TwilioAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** What the built-in Twilio sandbox received, read over its HTTP API as an operator would. */
public final class SandboxSms {

    private SandboxSms() {}

    /** The SMS bodies the sandbox received for {@code phone}, oldest first. */
    public static List<String> bodies(String phone) {
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN)
                                .getBytes(StandardCharsets.UTF_8));
        return given().header("Authorization", auth)
                .queryParam("to", phone)
                .get("/sandbox/twilio/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("messages.body", String.class);
    }
}
