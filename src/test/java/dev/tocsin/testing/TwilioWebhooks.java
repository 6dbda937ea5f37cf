package dev.tocsin.testing;

import static io.restassured.RestAssured.given;

import com.twilio.security.RequestValidator;
import java.lang.reflect.Method;
import java.util.Map;

/** Twilio webhook requests as Twilio sends them: form-encoded, signed with the SDK's own algorithm. */
public final class TwilioWebhooks {

    private TwilioWebhooks() {}

    /** The X-Twilio-Signature the SDK itself computes (RequestValidator's own algorithm). */
    public static String signature(String token, String url, Map<String, String> params) {
        try {
            Method m = RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
            m.setAccessible(true);
            return (String) m.invoke(new RequestValidator(token), url, params);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Twilio SDK's signature method is not reachable", e);
        }
    }

    /** Posts {@code params} to {@code path}, with {@code signature} when not null. */
    public static io.restassured.response.Response post(String path, Map<String, String> params, String signature) {
        var spec = given().contentType("application/x-www-form-urlencoded; charset=utf-8");
        params.forEach(spec::formParam);
        if (signature != null) {
            spec.header("X-Twilio-Signature", signature);
        }
        return spec.when().post(path);
    }
}
