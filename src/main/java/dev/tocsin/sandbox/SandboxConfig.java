package dev.tocsin.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * The Twilio-compatible sandbox (prefix tocsin.sandbox). It is on when tocsin.sms.sandbox is;
 * it accepts the account configured in twilio.* or, when none is, the sandbox defaults.
 * Fault settings are the start values; drills change them at run time (PUT /sandbox/twilio/faults).
 */
@ConfigMapping(prefix = "tocsin.sandbox")
public interface SandboxConfig {

    /** Added to every API request. */
    @WithDefault("0ms")
    Duration latency();

    /** Share of message creations answered with HTTP 500 (not accepted). */
    @WithDefault("0")
    double errorRate();

    /** Share answered with 429 Too Many Requests and Retry-After. */
    @WithDefault("0")
    double throttleRate();

    @WithDefault("1")
    int retryAfterSeconds();

    /** Share accepted and then answered only after {@link #timeoutHold()}: the client times out. */
    @WithDefault("0")
    double timeoutRate();

    @WithDefault("20s")
    Duration timeoutHold();

    /** Seed of the fault draws, so a drill can be replayed. */
    @WithDefault("42")
    long seed();

    /**
     * Numbers that always fail, with the Twilio error: 21211, 21610, 21614 (refused at once) or
     * 300xx (accepted, then undelivered). Keys are quoted E.164 numbers.
     */
    Map<String, Integer> numberErrors();

    /** Post status callbacks (sent, then delivered/undelivered). */
    @WithDefault("true")
    boolean callbacks();

    @WithDefault("200ms")
    Duration sentDelay();

    @WithDefault("300ms")
    Duration deliveredDelay();

    /**
     * What the callee of a call does, by number prefix (quoted E.164 prefixes, longest wins):
     * pressed-1 (answers, presses 1), no-press (answers, presses nothing), busy, no-answer, failed.
     */
    Map<String, String> callOutcomes();

    /** What callees whose number matches no prefix of {@link #callOutcomes()} do. */
    @WithDefault("pressed-1")
    String callDefaultOutcome();
}
