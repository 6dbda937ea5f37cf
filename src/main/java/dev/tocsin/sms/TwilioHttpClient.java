package dev.tocsin.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * The SDK's transport: explicit timeouts, a pool sized for our workers, requests rewritten to a
 * Twilio-compatible base URL when one is set, and no automatic retry of POSTs (the SDK's
 * {@code reliableRequest} retries any 5xx, which can create a message twice; the outbox retries
 * instead, after asking the provider what happened).
 */
public final class TwilioHttpClient extends HttpClient implements AutoCloseable {

    /** Retry-After of the last 429 on this thread; the gateway reads it right after the call. */
    private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();
    /** The body is percent-encoded UTF-8; Apache's stock form type would declare ISO-8859-1. */
    private static final ContentType FORM_UTF8 =
            ContentType.create("application/x-www-form-urlencoded", StandardCharsets.UTF_8);

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final Optional<URI> base;
    /** scheme://authority[/path] of {@link #base}, worked out once. */
    private final String basePrefix;

    public TwilioHttpClient(Optional<URI> base, int poolSize, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.basePrefix = base.map(b -> b.getScheme() + "://" + b.getRawAuthority()
                        + (b.getRawPath() == null || b.getRawPath().equals("/") ? "" : b.getRawPath()))
                .orElse(null);
        this.pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(poolSize);
        pool.setDefaultMaxPerRoute(poolSize);
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                .setSocketTimeout((int) readTimeout.toMillis())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(config)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                // Twilio's API sets no cookies; skipping the cookie store saves work on every call.
                .disableCookieManagement()
                .setUserAgent("tocsin twilio-java/10.9.0")
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        // GETs are safe to repeat; anything else is sent exactly once.
        return request.getMethod() == HttpMethod.GET ? super.reliableRequest(request) : makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        RETRY_AFTER.remove();
        RequestBuilder builder = RequestBuilder.create(request.getMethod().toString())
                .setUri(target(request))
                .setCharset(StandardCharsets.UTF_8);
        if (request.requiresAuthentication()) {
            builder.addHeader(HttpHeaders.AUTHORIZATION, request.getAuthString());
        }
        builder.addHeader(HttpHeaders.ACCEPT, "application/json");
        for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
            for (String v : h.getValue()) {
                builder.addHeader(h.getKey(), v);
            }
        }
        if (request.getMethod() == HttpMethod.POST) {
            builder.setEntity(new StringEntity(request.encodeFormBody(), FORM_UTF8));
        }
        try (CloseableHttpResponse response = client.execute(builder.build())) {
            int status = response.getStatusLine().getStatusCode();
            String content = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            Header[] headers = response.getAllHeaders();
            if (status == 429) {
                Header h = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
                RETRY_AFTER.set(parseRetryAfter(h == null ? null : h.getValue()));
            }
            return new Response(content, status, headers);
        } catch (IOException e) {
            throw new ApiConnectionException(
                    "Twilio request failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static Duration lastRetryAfter() {
        Duration d = RETRY_AFTER.get();
        RETRY_AFTER.remove();
        return d;
    }

    private String target(Request request) {
        java.net.URL url = request.constructURL();
        if (basePrefix == null) {
            return url.toString();
        }
        // java.net.URL keeps path and query as given (encoded), like URI's raw accessors.
        return basePrefix + url.getPath() + (url.getQuery() == null ? "" : "?" + url.getQuery());
    }

    private static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        pool.close();
    }
}
