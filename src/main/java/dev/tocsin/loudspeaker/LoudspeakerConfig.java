package dev.tocsin.loudspeaker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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
     * How often each instance looks for plays changed by any instance (one indexed query), and
     * how often a waiting poll looks at its queue again: a change made on another instance
     * reaches this instance's terminals within this (same-instance changes at once).
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

    /** Longest a queue answer is reused from memory (changes normally drop it sooner); 0 = never. */
    @WithDefault("60s")
    Duration snapshotTtl();

    /** Most tokens kept in the cache (one per polling terminal). */
    @WithDefault("20000")
    int tokenCacheSize();

    /** Queue polls are written as last-seen in batches this often (heartbeats and reports at once). */
    @WithDefault("5s")
    Duration lastSeenFlush();

    /**
     * Key that seals the SIP passwords of paged terminals (AES-GCM): base64 of 16, 24 or 32
     * bytes, from the environment ({@code TOCSIN_LOUDSPEAKER_PAGING_SECRET_KEY}). Without it a
     * SIP endpoint with a password is refused; endpoints without one work.
     */
    Optional<String> pagingSecretKey();
}
