package dev.tocsin.console;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.security.StaffAccessChanged;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sign-in sessions, kept in the database so that every instance sees an ended session
 * at once. The session cookie (encrypted by the form mechanism) carries only a random id; a
 * sign-in always starts a new one, so an id planted before sign-in is worthless. A session ends
 * on sign-out, when the person's password, roles or enabled flag change, after
 * {@link ConsoleConfig#sessionIdleTimeout()} without a request and after
 * {@link ConsoleConfig#sessionLifetime()} in any case.
 */
@ApplicationScoped
@Transactional
public class ConsoleSessions {

    /** A request refreshes last-seen at most this often, so browsing is not a write per request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final ConsoleConfig config;
    private final AuditLog audit;

    ConsoleSessions(Clock clock, ConsoleConfig config, AuditLog audit) {
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    /** Starts a session for a person who has just signed in; returns the id for the cookie. */
    public String start(String username, String address) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ConsoleSession s = new ConsoleSession();
        s.idHash = hash(id);
        s.username = username;
        s.address = clip(address);
        s.createdAt = clock.instant();
        s.lastSeenAt = s.createdAt;
        s.persist();
        audit.record(username, "console.sign-in", "user:" + username, "from " + clip(address));
        return id;
    }

    /**
     * The person a live session belongs to, refreshing its last-seen time; empty (and the row
     * removed) when the session has ended or timed out.
     */
    public Optional<String> resume(String id) {
        ConsoleSession s = id == null ? null : ConsoleSession.findById(hash(id));
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            s.delete();
            return Optional.empty();
        }
        if (Duration.between(s.lastSeenAt, now).compareTo(TOUCH_INTERVAL) >= 0) {
            s.lastSeenAt = now;
        }
        return Optional.of(s.username);
    }

    /** Whether a session id still opens the console, without refreshing it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean live(String id) {
        ConsoleSession s = id == null ? null : ConsoleSession.findById(hash(id));
        return s != null && !expired(s, clock.instant());
    }

    /** Sign-out: ends every session of that person, on every instance. */
    public void signOut(String username, String address) {
        ConsoleSession.delete("username", username);
        audit.record(username, "console.sign-out", "user:" + username, "from " + clip(address));
    }

    /** A refused sign-in, recorded with where it came from and never with the password. */
    public void signInRefused(String username, String address, String reason) {
        String who = clip(username == null || username.isBlank() ? "(none)" : username);
        audit.record(who, "console.sign-in-failed", "user:" + who, reason + " from " + clip(address));
    }

    void accessChanged(@Observes StaffAccessChanged change) {
        ConsoleSession.delete("username", change.username());
    }

    /** Removes sessions that can no longer be used; safe on several instances at once. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        ConsoleSession.delete(
                "lastSeenAt < ?1 or createdAt < ?2",
                now.minus(config.sessionIdleTimeout()),
                now.minus(config.sessionLifetime()));
    }

    private boolean expired(ConsoleSession s, Instant now) {
        return !now.isBefore(s.lastSeenAt.plus(config.sessionIdleTimeout()))
                || !now.isBefore(s.createdAt.plus(config.sessionLifetime()));
    }

    private static String clip(String value) {
        if (value == null) {
            return "unknown";
        }
        return value.length() <= 64 ? value : value.substring(0, 64);
    }

    static String hash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
