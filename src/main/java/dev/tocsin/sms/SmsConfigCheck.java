package dev.tocsin.sms;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Fails the boot when SMS cannot work as configured, instead of failing at the first alert. */
@Startup
@ApplicationScoped
public class SmsConfigCheck {

    private static final Logger LOG = Logger.getLogger(SmsConfigCheck.class);

    private final SmsConfig config;
    private final TwilioAccount account;

    SmsConfigCheck(SmsConfig config, TwilioAccount account) {
        this.config = config;
        this.account = account;
    }

    @PostConstruct
    void check() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("SMS configuration invalid: " + String.join("; ", problems));
        }
        LOG.infof(
                "SMS via %s, sender %s, throttle %s",
                config.sandbox()
                        ? "the built-in sandbox"
                        : config.twilioApiUrl()
                                .map(u -> "Twilio-compatible API at " + u)
                                .orElse("Twilio"),
                account.sender(),
                config.throttle().enabled() ? config.throttle().segmentsPerSecond() + " segments/s" : "off");
    }

    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!config.sandbox()) {
            if (account.accountSid().isBlank()) {
                p.add("TWILIO_ACCOUNT_SID is required when the sandbox is off (TOCSIN_SMS_SANDBOX=false)");
            } else if (!account.accountSid().startsWith("AC")) {
                p.add("TWILIO_ACCOUNT_SID must start with AC");
            }
            if (account.authToken().isBlank()) {
                p.add("TWILIO_AUTH_TOKEN is required when the sandbox is off");
            }
            if (account.messagingServiceSid().isEmpty() && account.fromNumber().isEmpty()) {
                p.add("set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER");
            }
        }
        account.fromNumber()
                .filter(f -> !f.matches("\\+[1-9][0-9]{6,14}|[A-Za-z0-9 ]{1,11}"))
                .ifPresent(f -> p.add("TWILIO_FROM_NUMBER must be E.164 (+...) or an alphanumeric sender ID"));
        config.twilioApiUrl()
                .filter(u -> !u.isBlank())
                .filter(u -> !isHttpUrl(u))
                .ifPresent(u -> p.add("TOCSIN_TWILIO_API_URL must be an absolute http(s) URL"));
        if (config.outbox().workers() < 1
                || config.outbox().batchSize() < 1
                || config.outbox().instances() < 1
                || config.outbox().maxInFlight() < 1) {
            p.add("tocsin.sms.outbox.workers, batch-size, instances and max-in-flight must be at least 1");
        }
        if (config.throttle().enabled() && config.throttle().segmentsPerSecond() <= 0) {
            p.add("tocsin.sms.throttle.segments-per-second must be positive");
        }
        Long leaseSeconds = config.outbox().lease().toSeconds();
        long call =
                config.http().connectTimeout().plus(config.http().readTimeout()).toSeconds() * 3 + 3;
        if (leaseSeconds < call) {
            p.add("tocsin.sms.outbox.lease must exceed three HTTP calls (" + call + "s with the configured timeouts)");
        }
        return p;
    }

    private static boolean isHttpUrl(String u) {
        try {
            URI uri = URI.create(u);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
