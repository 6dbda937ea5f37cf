package dev.tocsin.duty;

import dev.tocsin.alert.WarningColour;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The 叫应 policy per warning colour, read and checked at start-up: an unknown channel or role
 * stops the boot with the key to fix, rather than a
 * warning that is silently never phoned.
 */
@ApplicationScoped
@Startup
public class DutyPolicy {

    private static final Logger LOG = Logger.getLogger(DutyPolicy.class);
    static final int MIN_SECRET = 32;

    /** One colour's policy, typed. */
    public record Rule(
            boolean start, Set<DutyRole> roles, Duration backupAfter, Duration superiorAfter, boolean calls) {}

    private final Map<WarningColour, Rule> rules = new EnumMap<>(WarningColour.class);
    private final Optional<String> linkSecret;

    DutyPolicy(DutyConfig config) {
        rules.put(WarningColour.RED, rule("red", config.red()));
        rules.put(WarningColour.ORANGE, rule("orange", config.orange()));
        rules.put(WarningColour.YELLOW, rule("yellow", config.yellow()));
        rules.put(WarningColour.BLUE, rule("blue", config.blue()));
        if (!(config.callsPerSecond() > 0)) {
            throw new IllegalStateException("tocsin.duty.calls-per-second must be more than 0");
        }
        if (config.callAttempts() < 1) {
            throw new IllegalStateException("tocsin.duty.call-attempts must be at least 1");
        }
        if (config.callRetryAfter().isNegative()) {
            throw new IllegalStateException("tocsin.duty.call-retry-after must not be negative");
        }
        this.linkSecret = config.linkSecret().map(String::strip).filter(s -> !s.isEmpty());
        if (linkSecret.isPresent() && linkSecret.get().length() < MIN_SECRET) {
            throw new IllegalStateException("tocsin.duty.link-secret must be at least " + MIN_SECRET
                    + " characters (env TOCSIN_DUTY_LINK_SECRET)");
        }
        if (linkSecret.isEmpty()) {
            LOG.info("tocsin.duty.link-secret is not set: 叫应 SMS ask for a reply and carry no answer link");
        }
    }

    private static Rule rule(String colour, DutyConfig.Policy p) {
        String key = "tocsin.duty." + colour + ".";
        boolean calls = false;
        for (String c : p.channels()) {
            String channel = c.strip().toLowerCase(Locale.ROOT);
            if (channel.equals("call")) {
                calls = true;
            } else if (!channel.equals("sms")) {
                throw new IllegalStateException(key + "channels names '" + c + "'; the channels are sms and call");
            }
        }
        Set<DutyRole> roles = EnumSet.noneOf(DutyRole.class);
        for (String r : p.roles()) {
            try {
                roles.add(DutyRole.of(r));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + "roles names '" + r + "': " + e.getMessage());
            }
        }
        if (p.start() && roles.isEmpty()) {
            throw new IllegalStateException(key + "roles is empty while " + key + "start=true");
        }
        if (p.backupAfter().isNegative() || p.superiorAfter().compareTo(p.backupAfter()) < 0) {
            throw new IllegalStateException(key + "superior-after must not be shorter than " + key + "backup-after");
        }
        return new Rule(p.start(), roles, p.backupAfter(), p.superiorAfter(), calls);
    }

    public Rule rule(WarningColour colour) {
        return rules.get(colour);
    }

    /** Whether a broadcast of this colour starts 叫应. */
    public boolean starts(Optional<WarningColour> colour) {
        return colour.map(c -> rules.get(c).start()).orElse(false);
    }

    Optional<String> linkSecret() {
        return linkSecret;
    }
}
