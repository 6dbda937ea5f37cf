package dev.tocsin.sms;

import dev.tocsin.platform.TocsinConfig;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
    private volatile int boundPort;
    /** The callback base once the port is known for sure (every send asks for it). */
    private volatile String callbackBase;

    TwilioAccount(SmsConfig sms, TwilioConfig twilio, TocsinConfig tocsin) {
        this.sms = sms;
        this.twilio = twilio;
        this.tocsin = tocsin;
    }

    void onHttpStart(@Observes HttpServerStart start) {
        if (start.options().getPort() > 0) {
            boundPort = start.options().getPort();
            callbackBase = null;
        }
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
            if (URI.create(configured).getPort() != 0 || knownPort() > 0) {
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

    private int port() {
        int known = knownPort();
        if (known > 0) {
            return known;
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class)
                .filter(p -> p > 0)
                .or(() -> ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class))
                .orElse(8080);
    }

    /** The port the running server listens on, or 0 while it is not known for sure. */
    private int knownPort() {
        if (boundPort > 0) {
            return boundPort;
        }
        // With port 0 (tests) Quarkus publishes the bound port as a system property once it listens;
        // read it directly, a config snapshot may still hold the configured 0.
        for (String key : new String[] {"quarkus.http.test-port", "quarkus.http.port"}) {
            String value = System.getProperty(key);
            if (value != null && value.matches("[0-9]{1,5}") && Integer.parseInt(value) > 0) {
                return Integer.parseInt(value);
            }
        }
        // Published once the test server listens on its random port.
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).filter(p -> p > 0).orElse(0);
    }
}
