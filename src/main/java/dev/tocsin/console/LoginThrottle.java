package dev.tocsin.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed console sign-ins per user name and client address in a sliding window. Kept in
 * memory: each instance counts on its own, which bounds guessing per instance, not per cluster.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    LoginThrottle(Clock clock, ConsoleConfig config) {
        this(clock, config.loginMaxFailures(), config.loginWindow());
    }

    LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** True while this user name from this address has used up its failures in the window. */
    public boolean blocked(String username, String address) {
        Deque<Instant> seen = failures.get(key(username, address));
        if (seen == null) {
            return false;
        }
        synchronized (seen) {
            prune(seen);
            return seen.size() >= maxFailures;
        }
    }

    public void failed(String username, String address) {
        Deque<Instant> seen = failures.computeIfAbsent(key(username, address), k -> new ArrayDeque<>());
        synchronized (seen) {
            prune(seen);
            seen.addLast(clock.instant());
        }
        if (failures.size() > 10_000) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d);
                    return d.isEmpty();
                }
            });
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    public Duration window() {
        return window;
    }

    private void prune(Deque<Instant> seen) {
        Instant horizon = clock.instant().minus(window);
        while (!seen.isEmpty() && !seen.peekFirst().isAfter(horizon)) {
            seen.removeFirst();
        }
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + '\u0000' + address;
    }
}
