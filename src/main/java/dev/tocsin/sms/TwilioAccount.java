package dev.tocsin.sms;

import dev.tocsin.platform.TocsinConfig;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The account and endpoints actually in use: Twilio's when configured, the sandbox's defaults
 * while the sandbox is on, and where the API and the callbacks are.
 */
@ApplicationScoped
public class TwilioAccount {

    /** Credentials the sandbox accepts when no Twilio account is configured. */
    public static final String SANDBOX_ACCOUNT_SID = "AC5a4db0c0000000000000000000000000";

    public static final String SANDBOX_AUTH_TOKEN = "sandbox-auth-token";
    public static final String SANDBOX_FROM_NUMBER = "+15005550006";

    public static final String STATUS_PATH = "/webhooks/twilio/status";
    public static final String INBOUND_PATH = "/webhooks/twilio/inbound";

    private final SmsConfig sms;
    private final TwilioConfig twilio;
    private final TocsinConfig tocsin;
    private volatile boolean started;
    /** The listening port once the server has started (0 until then). */
    private volatile int boundPort;
    /** The callback base once the port is known for sure (every send asks for it). */
    private volatile String callbackBase;

    TwilioAccount(SmsConfig sms, TwilioConfig twilio, TocsinConfig tocsin) {
        this.sms = sms;
        this.twilio = twilio;
        this.tocsin = tocsin;
    }

    /** Quarkus fires this asynchronously once the server listens; from then on the port is final. */
    void onHttpStart(@ObservesAsync HttpServerStart start) {
        started = true;
        boundPort = 0;
        callbackBase = null;
    }

    public String accountSid() {
        return twilio.accountSid().filter(s -> !s.isBlank()).orElse(sms.sandbox() ? SANDBOX_ACCOUNT_SID : "");
    }

    public String authToken() {
        return twilio.authToken().filter(s -> !s.isBlank()).orElse(sms.sandbox() ? SANDBOX_AUTH_TOKEN : "");
    }

    public Optional<String> messagingServiceSid() {
        return twilio.messagingServiceSid().filter(s -> !s.isBlank());
    }

    public Optional<String> fromNumber() {
        Optional<String> from = twilio.fromNumber().filter(s -> !s.isBlank());
        if (from.isEmpty() && messagingServiceSid().isEmpty() && sms.sandbox()) {
            return Optional.of(SANDBOX_FROM_NUMBER);
        }
        return from;
    }

    /** The sender the throttle budget belongs to: the messaging service, else the number. */
    public String sender() {
        return messagingServiceSid().or(this::fromNumber).orElse("default");
    }

    /** Where the SDK's requests go; empty means Twilio itself. */
    public Optional<URI> apiBase() {
        Optional<String> configured = sms.twilioApiUrl().filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            return Optional.of(withBoundPort(configured.get()));
        }
        return sms.sandbox() ? Optional.of(withBoundPort("http://localhost:0")) : Optional.empty();
    }

    /** Absolute URL Twilio calls for {@code path} and signs; also what signatures are checked against. */
    public String callbackUrl(String path) {
        String base = callbackBase;
        if (base == null) {
            String configured = sms.publicUrl().filter(s -> !s.isBlank()).orElse(tocsin.publicUrl());
            base = withBoundPort(configured).toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            if (URI.create(configured).getPort() != 0 || started) {
                callbackBase = base;
            }
        }
        return base + path;
    }

    private URI withBoundPort(String url) {
        URI uri = URI.create(url);
        if (uri.getPort() != 0) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /**
     * The port this server listens on. Quarkus publishes a randomly bound port (port 0, tests) as
     * {@code quarkus.http.port} once it listens, so that key is right in every launch mode; the test
     * port is never read here (it defaults to 8081 even in production).
     */
    private int port() {
        int known = boundPort;
        if (known > 0) {
            return known;
        }
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", Integer.class)
                .orElse(8080);
        if (started && port > 0) {
            boundPort = port;
        }
        return port;
    }
}
