package dev.tocsin.duty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** 叫应 settings: the policy per warning colour, the escalation job, the signed answer link. */
@ConfigMapping(prefix = "tocsin.duty")
public interface DutyConfig {

    /** How often the escalation job looks for unanswered steps ("off" disables it, as in tests). */
    @WithDefault("15s")
    String checkEvery();

    /** A 叫应 still open this long after it started is closed; later answers are recorded and ignored. */
    @WithDefault("24h")
    Duration closeAfter();

    /**
     * Secret for the one-time answer links (env TOCSIN_DUTY_LINK_SECRET, at least 32 characters,
     * the same on every instance). Without it the SMS asks for a reply only and carries no link.
     */
    Optional<String> linkSecret();

    /** Voice calls placed per second, for the whole 叫应 of this instance. */
    @WithDefault("1")
    double callsPerSecond();

    /** Wait after a busy, unanswered or failed call before the next attempt. */
    @WithDefault("2m")
    Duration callRetryAfter();

    /** Calls per step (primary, backup, superior) at most, while the entry is unanswered. */
    @WithDefault("2")
    int callAttempts();

    Policy red();

    Policy orange();

    Policy yellow();

    Policy blue();

    /** What a warning of one colour does. */
    interface Policy {

        /** Whether approval starts 叫应. */
        @WithDefault("false")
        boolean start();

        /** The posts whose primary (A角) person is reached. */
        @WithDefault("township-head,village-head,duty-officer")
        List<String> roles();

        /** sms, and call for a voice call to each step's person besides the SMS. */
        @WithDefault("sms")
        List<String> channels();

        /** Wait after the primary's SMS before the backup (B角) is messaged. */
        @WithDefault("5m")
        Duration backupAfter();

        /** Wait after the primary's SMS before the superior is messaged. */
        @WithDefault("10m")
        Duration superiorAfter();
    }
}
