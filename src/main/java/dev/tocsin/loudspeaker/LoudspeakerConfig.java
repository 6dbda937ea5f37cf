package dev.tocsin.loudspeaker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Terminal health, long-polling and play windows. */
@ConfigMapping(prefix = "tocsin.loudspeaker")
public interface LoudspeakerConfig {

    /** A terminal silent for longer than this is offline. */
    @WithDefault("3m")
    Duration offlineAfter();

    /** Longest {@code wait} a queue poll may ask for. */
    @WithDefault("60s")
    Duration maxWait();

    /**
     * A waiting poll re-reads the queue this often: plays scheduled on another instance wake
     * local waiters no later than this (same-instance changes wake them at once).
     */
    @WithDefault("2s")
    Duration recheckInterval();

    /** A started play whose window closed is marked missed after this grace (its completion may still come). */
    @WithDefault("30m")
    Duration startedGrace();

    /**
     * How long a terminal id found for a token is reused without asking the database. Revoking
     * or rotating drops it at once on the instance that did it; other instances may accept the
     * old token for up to this long. 0 turns the cache off.
     */
    @WithDefault("30s")
    Duration tokenCacheTtl();

    /** Most tokens kept in the cache (one per polling terminal). */
    @WithDefault("20000")
    int tokenCacheSize();

    /** Queue polls are written as last-seen in batches this often (heartbeats and reports at once). */
    @WithDefault("5s")
    Duration lastSeenFlush();
}
