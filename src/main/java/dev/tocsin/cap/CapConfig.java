package dev.tocsin.cap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** CAP 1.2 publication and ingest settings; see docs/CAP.md. */
@ConfigMapping(prefix = "tocsin.cap")
public interface CapConfig {

    /** The alert's sender, unique to this installation (e.g. a domain or an address). */
    @WithDefault("tocsin@localhost")
    String sender();

    /** Human-readable issuer in info/senderName. */
    @WithDefault("Tocsin")
    String senderName();

    /** Published identifiers are {prefix}-b{broadcast id}[-cancel]. */
    @WithDefault("tocsin")
    String identifierPrefix();

    /** geocode valueName for administrative area codes. */
    @WithDefault("AdminCode")
    String geocodeName();

    /** Published alerts: when the schedule gives no later end, they expire this long after the last firing. */
    @WithDefault("6h")
    Duration defaultValidity();

    /** Feed and document responses may be cached this long. */
    @WithDefault("60s")
    Duration cacheMaxAge();

    /** Largest document /api/cap/ingest reads. */
    @WithDefault("2097152")
    long maxDocumentBytes();

    /** Folder of trusted signer certificates (*.pem, *.crt, *.cer); absent: no signature is trusted. */
    Optional<Path> trustDir();

    /** Policy for senders not listed under sources: true refuses unsigned documents. */
    @WithDefault("false")
    boolean requireSignature();

    /** Per-sender policy, keyed by a short name; match is on the CAP sender. */
    Map<String, Source> sources();

    /** The account drafts and submits broadcasts triggered by rules (a person approves them). */
    @WithDefault("cap-rules")
    String systemActor();

    /** Upstream Atom/RSS feeds to poll, keyed by a short name; none by default (nothing polls). */
    Map<String, Feed> feeds();

    /** How often the poller looks for due feeds ("off" disables polling). */
    @WithDefault("30s")
    String feedTick();

    /** First retry delay after a failed poll; doubles per failure up to feedBackoffMax. */
    @WithDefault("30s")
    Duration feedBackoffMin();

    @WithDefault("30m")
    Duration feedBackoffMax();

    /** Connect and per-request timeout for feed and document fetches. */
    @WithDefault("20s")
    Duration feedTimeout();

    /** Largest feed body read. */
    @WithDefault("4194304")
    long maxFeedBytes();

    interface Feed {
        /** The Atom or RSS feed address. */
        java.net.URI url();

        /** Time between successful polls. */
        @WithDefault("5m")
        Duration interval();

        @WithDefault("true")
        boolean enabled();
    }

    interface Source {
        /** The CAP sender value this policy applies to. */
        String sender();

        @WithDefault("false")
        boolean requireSignature();
    }
}
