package dev.tocsin.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/** The sandbox's current fault settings and its seeded dice. */
@ApplicationScoped
public class SandboxFaults {

    /** One draw's verdict for a message creation. */
    public enum Fault { NONE, SERVER_ERROR, TOO_MANY_REQUESTS, TIMEOUT }

    public record Settings(long latencyMs, double errorRate, double throttleRate, int retryAfterSeconds,
            double timeoutRate, long timeoutHoldMs, long seed, Map<String, Integer> numberErrors, boolean callbacks,
            long sentDelayMs, long deliveredDelayMs) {

        public Settings {
            numberErrors = numberErrors == null ? Map.of() : Map.copyOf(numberErrors);
        }
    }

    private volatile Settings settings;
    private volatile Random dice;

    SandboxFaults(SandboxConfig c) {
        update(new Settings(c.latency().toMillis(), c.errorRate(), c.throttleRate(), c.retryAfterSeconds(), c.timeoutRate(),
                c.timeoutHold().toMillis(), c.seed(), c.numberErrors(), c.callbacks(), c.sentDelay().toMillis(),
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
        if (s.latencyMs() < 0 || s.timeoutHoldMs() < 0 || s.sentDelayMs() < 0 || s.deliveredDelayMs() < 0 || s.retryAfterSeconds() < 0) {
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
