package dev.tocsin.sms;

import com.twilio.security.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks X-Twilio-Signature with the SDK's RequestValidator against the configured public URL
 * (not the request's Host header, which a reverse proxy rewrites).
 */
@ApplicationScoped
public class WebhookVerifier {

    private final TwilioAccount account;
    private volatile RequestValidator validator;

    WebhookVerifier(TwilioAccount account) {
        this.account = account;
    }

    public boolean verify(String path, String rawQuery, MultivaluedMap<String, String> form, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            // Twilio posts each parameter once; the validator takes a flat map.
            params.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
        }
        String url = account.callbackUrl(path) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return validator().validate(url, params, signature);
    }

    private RequestValidator validator() {
        RequestValidator v = validator;
        if (v == null) {
            v = new RequestValidator(account.authToken());
            validator = v;
        }
        return v;
    }
}
