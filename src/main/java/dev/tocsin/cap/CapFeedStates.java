package dev.tocsin.cap;

import dev.tocsin.platform.db.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Short transactions around a poll: claim a due feed (lease), record entries, finish or back off. */
@ApplicationScoped
public class CapFeedStates {

    /** A claimed feed: what to send as conditional request headers. */
    record Claim(String name, String etag, String lastModified, int failures) {}

    /** Creates the row of a newly configured feed; a concurrent creation by another instance is fine. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void ensure(String name) {
        if (CapFeedState.findById(name) == null) {
            CapFeedState s = new CapFeedState();
            s.name = name;
            s.failures = 0;
            s.persist();
        }
    }

    /**
     * Takes the feed when due (or {@code force}) and no other instance holds its lease; the row
     * lock is skipped, not waited for, so two instances never poll the same feed at once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Claim> claim(String name, String owner, Instant now, Duration lease, boolean force) {
        Optional<CapFeedState> row =
                Claims.skipLocked(CapFeedState.<CapFeedState>find("name", name)).firstResultOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        CapFeedState s = row.get();
        if (s.leaseUntil != null && s.leaseUntil.isAfter(now)) {
            return Optional.empty();
        }
        if (!force && s.nextAttemptAt != null && s.nextAttemptAt.isAfter(now)) {
            return Optional.empty();
        }
        s.leaseOwner = owner;
        s.leaseUntil = now.plus(lease);
        s.lastPolledAt = now;
        return Optional.of(new Claim(s.name, s.etag, s.lastModified, s.failures));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean seen(String feed, String key) {
        return CapFeedEntry.findById(new CapFeedEntry.Key(feed, key)) != null;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void record(
            String feed,
            CapFeedReader.Entry e,
            CapFeedEntry.Outcome outcome,
            String detail,
            Long receivedId,
            Instant now) {
        if (CapFeedEntry.findById(new CapFeedEntry.Key(feed, e.key())) != null) {
            return;
        }
        CapFeedEntry row = new CapFeedEntry();
        row.key = new CapFeedEntry.Key(feed, e.key());
        row.location = e.location();
        row.outcome = outcome;
        row.detail = cut(detail);
        row.receivedId = receivedId;
        row.seenAt = now;
        row.persist();
    }

    /** A complete poll: the validators are kept for the next conditional request. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void succeeded(String name, String etag, String lastModified, boolean notModified, Instant now, Instant next) {
        CapFeedState s = CapFeedState.findById(name);
        if (!notModified) {
            s.etag = cut(etag, 500);
            s.lastModified = cut(lastModified, 100);
        }
        s.failures = 0;
        s.lastError = null;
        s.lastSuccessAt = now;
        s.nextAttemptAt = next;
        s.leaseOwner = null;
        s.leaseUntil = null;
    }

    /** A failed or partial poll: validators unchanged, so the next poll reads the whole feed again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void failed(String name, String error, Instant next) {
        CapFeedState s = CapFeedState.findById(name);
        s.failures = s.failures + 1;
        s.lastError = cut(error);
        s.nextAttemptAt = next;
        s.leaseOwner = null;
        s.leaseUntil = null;
    }

    private static String cut(String s) {
        return cut(s, 1000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
