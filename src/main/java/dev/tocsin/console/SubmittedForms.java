package dev.tocsin.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes a form submission happen once: every rendered form carries a fresh id, and a second
 * submission of the same id (a double click, a resent POST) gets the first one's outcome instead
 * of repeating the action. Ids are kept for an hour in memory, per instance.
 */
@ApplicationScoped
public class SubmittedForms {

    static final String FIELD = "_form";
    private static final Duration KEEP = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Outcome> done = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    SubmittedForms(Clock clock) {
        this.clock = clock;
    }

    private record Outcome(Instant at, String redirect) {}

    public String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Runs {@code action} unless this form id already succeeded; returns where to redirect. The
     * action returns empty when it failed (nothing is remembered, so a corrected form can go again).
     */
    public Optional<String> once(String formId, Supplier<Optional<String>> action) {
        evictOld();
        if (formId == null || formId.isBlank()) {
            return action.get();
        }
        // One lock per form id: the second click waits for the first and then reuses its outcome.
        Object lock = locks.computeIfAbsent(formId, k -> new Object());
        synchronized (lock) {
            Outcome first = done.get(formId);
            if (first != null) {
                return Optional.of(first.redirect());
            }
            Optional<String> redirect = action.get();
            redirect.ifPresent(r -> done.put(formId, new Outcome(clock.instant(), r)));
            return redirect;
        }
    }

    private void evictOld() {
        Instant horizon = clock.instant().minus(KEEP);
        done.entrySet().removeIf(e -> {
            boolean old = e.getValue().at().isBefore(horizon);
            if (old) {
                locks.remove(e.getKey());
            }
            return old;
        });
    }
}
