package dev.tocsin.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A callback as Twilio sends one: form parameters POSTed with {@code X-Twilio-Signature}. A
 * failure is logged, never thrown: the sandbox, like Twilio, does not stop for a receiver's error.
 */
final class SignedCallback {

    private static final Logger LOG = Logger.getLogger(SignedCallback.class);

    private SignedCallback() {}

    /** @param what names the callback in the log, e.g. "Status callback for SM..." */
    static void post(HttpClient http, String authToken, String url, Map<String, String> params, String what) {
        String body = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", TwilioSignature.sign(authToken, url, params))
                .header("User-Agent", "TwilioProxy/1.1 (tocsin sandbox)")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() >= 300) {
                LOG.warnf("%s answered HTTP %d", what, r.statusCode());
            }
        } catch (java.io.IOException e) {
            LOG.warnf("%s failed: %s", what, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
