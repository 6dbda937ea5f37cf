package dev.tocsin.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** SMS feature settings (prefix tocsin.sms). Twilio credentials are in {@link TwilioConfig}. */
@ConfigMapping(prefix = "tocsin.sms")
public interface SmsConfig {

    /** Send through the built-in Twilio-compatible sandbox instead of Twilio (env TOCSIN_SMS_SANDBOX). */
    @WithDefault("true")
    boolean sandbox();

    /** Base URL of a Twilio-compatible API (a standalone sandbox); unset means api.twilio.com. */
    Optional<String> twilioApiUrl();

    /**
     * Base URL Twilio calls back and signs; defaults to tocsin.public-url. Port 0 means the port
     * this server actually bound (tests run on a random port).
     */
    Optional<String> publicUrl();

    /** How long a message stays valid when the caller gives no deadline. */
    @WithDefault("6h")
    Duration defaultValidity();

    Outbox outbox();

    Http http();

    Throttle throttle();

    Retry retry();

    /** Carrier rules by destination region (ISO 3166 code of the number, e.g. CN). */
    Map<String, CarrierRule> carrier();

    interface Outbox {
        @WithDefault("true")
        boolean enabled();

        /** Claiming threads per instance: each claims a batch and paces it through the throttle. */
        @WithDefault("8")
        int workers();

        /**
         * Provider calls in flight at once per instance (also sizes the HTTP connection pool).
         * Pacing and calling are separate, so the throttle's rate is reached as long as
         * rate x call latency stays below this (e.g. 100 messages/s x 250 ms = 25).
         */
        @WithDefault("32")
        int maxInFlight();

        @WithDefault("50")
        int batchSize();

        /** How long a claim is held; a worker never starts a send it cannot finish within it. */
        @WithDefault("2m")
        Duration lease();

        /** Identifies this instance in lease_owner; defaults to host name and a random suffix. */
        Optional<String> instanceId();

        /** Instances sharing the account: each takes 1/n of the throttle budget. */
        @WithDefault("1")
        int instances();

        /** Wait before asking the provider about a send whose outcome is unknown. */
        @WithDefault("5s")
        Duration reconcileDelay();

        /** How often the scheduler looks for due rows (workers keep draining while there are some). */
        @WithDefault("1s")
        String pollInterval();

        /** How often receipts that raced the worker's own write are applied. */
        @WithDefault("10s")
        String statusSweep();

        /** Clock skew allowed between us and the provider when matching sent messages. */
        @WithDefault("2m")
        Duration reconcileSkew();
    }

    interface Http {
        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("15s")
        Duration readTimeout();
    }

    interface Throttle {
        @WithDefault("true")
        boolean enabled();

        /** Segments per second per sender for the whole account (all instances together). */
        @WithDefault("10")
        double segmentsPerSecond();
    }

    interface Retry {
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    interface CarrierRule {
        /** Appended when the body does not already contain it (registered signature). */
        Optional<String> signature();

        /** Longest body accepted, in characters (signature included). */
        OptionalInt maxLength();

        /** Identical messages one number may receive in 24 hours (mainland China: 2). */
        OptionalInt maxIdenticalPerDay();
    }
}
