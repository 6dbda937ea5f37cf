package dev.tocsin.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/** The sandbox's current fault settings and its seeded dice. */
@ApplicationScoped
public class SandboxFaults {

    /** One draw's verdict for a message creation. */
    public enum Fault {
        NONE,
        SERVER_ERROR,
        TOO_MANY_REQUESTS,
        TIMEOUT
    }

    public record Settings(
            long latencyMs,
            double errorRate,
            double throttleRate,
            int retryAfterSeconds,
            double timeoutRate,
            long timeoutHoldMs,
            long seed,
            Map<String, Integer> numberErrors,
            boolean callbacks,
            long sentDelayMs,
            long deliveredDelayMs) {

        public Settings {
            numberErrors = numberErrors == null ? Map.of() : Map.copyOf(numberErrors);
        }
    }

    /**
     * A change of the settings as a drill sends it: a field left out (or null) keeps its current
     * value, so {@code {"errorRate": 0.1}} changes the error rate only and {@code {}} changes
     * nothing. {@code numberErrors} replaces the whole map when given ({@code {}} clears it).
     */
    public record Change(
            Long latencyMs,
            Double errorRate,
            Double throttleRate,
            Integer retryAfterSeconds,
            Double timeoutRate,
            Long timeoutHoldMs,
            Long seed,
            Map<String, Integer> numberErrors,
            Boolean callbacks,
            Long sentDelayMs,
            Long deliveredDelayMs) {

        public Settings applyTo(Settings s) {
            return new Settings(
                    or(latencyMs, s.latencyMs()),
                    or(errorRate, s.errorRate()),
                    or(throttleRate, s.throttleRate()),
                    or(retryAfterSeconds, s.retryAfterSeconds()),
                    or(timeoutRate, s.timeoutRate()),
                    or(timeoutHoldMs, s.timeoutHoldMs()),
                    or(seed, s.seed()),
                    or(numberErrors, s.numberErrors()),
                    or(callbacks, s.callbacks()),
                    or(sentDelayMs, s.sentDelayMs()),
                    or(deliveredDelayMs, s.deliveredDelayMs()));
        }

        private static <T> T or(T given, T current) {
            return given != null ? given : current;
        }
    }

    private volatile Settings settings;
    private volatile Random dice;

    SandboxFaults(SandboxConfig c) {
        update(new Settings(
                c.latency().toMillis(),
                c.errorRate(),
                c.throttleRate(),
                c.retryAfterSeconds(),
                c.timeoutRate(),
                c.timeoutHold().toMillis(),
                c.seed(),
                c.numberErrors(),
                c.callbacks(),
                c.sentDelay().toMillis(),
                c.deliveredDelay().toMillis()));
    }

    public Settings settings() {
        return settings;
    }

    /** Replaces the settings and reseeds the dice. */
    public synchronized void update(Settings s) {
        for (double rate : new double[] {s.errorRate(), s.throttleRate(), s.timeoutRate()}) {
            if (!(rate >= 0 && rate <= 1)) { // also refuses NaN
                throw new IllegalArgumentException("rates must be between 0 and 1");
            }
        }
        if (s.errorRate() + s.throttleRate() + s.timeoutRate() > 1) {
            throw new IllegalArgumentException("errorRate + throttleRate + timeoutRate must not exceed 1");
        }
        if (s.latencyMs() < 0
                || s.timeoutHoldMs() < 0
                || s.sentDelayMs() < 0
                || s.deliveredDelayMs() < 0
                || s.retryAfterSeconds() < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        settings = s;
        dice = new Random(s.seed());
    }

    Fault draw() {
        Settings s = settings;
        double x = dice.nextDouble();
        if (x < s.errorRate()) {
            return Fault.SERVER_ERROR;
        }
        if (x < s.errorRate() + s.throttleRate()) {
            return Fault.TOO_MANY_REQUESTS;
        }
        if (x < s.errorRate() + s.throttleRate() + s.timeoutRate()) {
            return Fault.TIMEOUT;
        }
        return Fault.NONE;
    }

    Duration latency() {
        return Duration.ofMillis(settings.latencyMs());
    }

    Integer errorFor(String number) {
        return settings.numberErrors().get(number);
    }
}
