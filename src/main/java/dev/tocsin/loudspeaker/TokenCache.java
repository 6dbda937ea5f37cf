package dev.tocsin.loudspeaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token hash to terminal id, so a poll does not look its token up in the database each time.
 * Entries live {@code token-cache-ttl}; a rotate, revoke or settings change committed on this
 * instance drops the terminal's entries at once. Another instance may still accept a revoked
 * token until its entry expires: that window is the price of not reading the database per poll.
 */
@ApplicationScoped
public class TokenCache {

    private record Entry(long terminalId, long expiresAtNanos) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    // Bumped by every invalidation: a lookup that read the database before it must not cache what it read.
    private final AtomicLong generation = new AtomicLong();
    private final LoudspeakerConfig config;

    TokenCache(LoudspeakerConfig config) {
        this.config = config;
    }

    /** The terminal id cached for this token hash, or null. */
    public Long find(String tokenHash) {
        Entry e = entries.get(tokenHash);
        if (e == null) {
            return null;
        }
        if (e.expiresAtNanos() - System.nanoTime() <= 0) {
            entries.remove(tokenHash, e);
            return null;
        }
        return e.terminalId();
    }

    /** Taken before a database lookup and handed to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    public void put(String tokenHash, long terminalId, long generationBeforeLookup) {
        if (config.tokenCacheTtl().isZero()) {
            return;
        }
        if (entries.size() >= config.tokenCacheSize()) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> e.expiresAtNanos() - now <= 0);
            if (entries.size() >= config.tokenCacheSize()) {
                entries.clear();
            }
        }
        entries.put(
                tokenHash,
                new Entry(terminalId, System.nanoTime() + config.tokenCacheTtl().toNanos()));
        if (generation.get() != generationBeforeLookup) {
            entries.remove(tokenHash);
        }
    }

    public void invalidate(long terminalId) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> e.terminalId() == terminalId);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) TerminalCredentialsChanged change) {
        invalidate(change.terminalId());
    }

    /** Fired when a terminal's token or settings change; drops its cached tokens once the change is over. */
    public record TerminalCredentialsChanged(long terminalId) {}
}
