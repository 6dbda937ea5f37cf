package dev.tocsin.sms;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Suppression;
import dev.tocsin.platform.db.Claims;
import dev.tocsin.sms.SmsGateway.Refused;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The outbox's transactions: claim a batch under a lease, and record what happened to it.
 * Sending happens between the two, outside any transaction.
 */
@ApplicationScoped
@Transactional
public class OutboxStore {

    private final Clock clock;
    private final SmsConfig config;
    private final CarrierRules carrier;
    private final OptOutService optOut;
    private final StatusService statuses;
    private final DispatchHalts halts;
    private final Map<Long, DispatchInfo> dispatches = new ConcurrentHashMap<>();

    OutboxStore(
            Clock clock,
            SmsConfig config,
            CarrierRules carrier,
            OptOutService optOut,
            StatusService statuses,
            DispatchHalts halts) {
        this.clock = clock;
        this.config = config;
        this.carrier = carrier;
        this.optOut = optOut;
        this.statuses = statuses;
        this.halts = halts;
    }

    /** What a worker needs to send one row, detached from the persistence context. */
    public record Work(
            long id,
            String phone,
            String body,
            int segments,
            boolean reconcile,
            Instant createdAt,
            Instant leaseUntil,
            DispatchInfo dispatch) {}

    public record DispatchInfo(long id, String sender, Urgency priority, Instant validUntil) {}

    /** Outcome of one row's turn with a worker. */
    public sealed interface Outcome {
        long id();
    }

    /** Accepted by the provider, or found there by reconciliation. */
    public record Sent(long id, String sid, boolean reconciled, boolean afterLookupMiss) implements Outcome {}

    public record NotSent(long id, Refused refused, boolean afterLookupMiss) implements Outcome {}

    /** Not attempted because its dispatch was withdrawn: final, FAILED "withdrawn: ...". */
    public record Withdrawn(long id, String reason) implements Outcome {}

    /** Not attempted (the lease would not cover the call): back to the queue as it was. */
    public record Released(long id) implements Outcome {}

    /** The provider could not be asked; the row stays marked for reconciliation. */
    public record LookupFailed(long id, String reason) implements Outcome {}

    /**
     * Claims up to {@code limit} rows: first rows whose lease expired (by more than the reconcile
     * delay) while SENDING (they may have been sent: reconcile), then due QUEUED rows. Rows that may not be sent (opted out, carrier
     * frequency cap, past the deadline) are settled here and not returned.
     */
    public List<Work> claim(String owner, int limit) {
        Instant now = clock.instant();
        // An expired lease is taken over only after the reconcile delay as well: a send its owner
        // started just inside the lease has then had time to reach the provider and be found.
        Instant expiredBefore = now.minus(config.outbox().reconcileDelay());
        List<SmsDelivery> rows = new ArrayList<>(Claims.skipLocked(SmsDelivery.<SmsDelivery>find(
                        "state = ?1 and leaseUntil < ?2", DeliveryState.SENDING, expiredBefore))
                .page(0, limit)
                .list());
        rows.forEach(d -> d.reconcile = true);
        if (rows.size() < limit) {
            rows.addAll(Claims.skipLocked(SmsDelivery.<SmsDelivery>find(
                            "state = ?1 and nextAttemptAt <= ?2", Sort.by("nextAttemptAt"), DeliveryState.QUEUED, now))
                    .page(0, limit - rows.size())
                    .list());
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Instant leaseUntil = now.plus(config.outbox().lease());
        List<SmsDelivery> fresh = rows.stream().filter(d -> !d.reconcile).toList();
        Map<Long, String> capped = carrier.overFrequencyCap(fresh, now);
        // Opt-outs only hold back routine messages: look up the numbers of routine rows only.
        Set<String> suppressed = suppressedAmong(fresh.stream()
                .filter(d -> dispatch(d.dispatchId).priority() == Urgency.ROUTINE)
                .toList());
        List<Work> work = new ArrayList<>(rows.size());
        Map<Long, java.util.Optional<String>> withdrawn = new java.util.HashMap<>();
        for (SmsDelivery d : rows) {
            DispatchInfo info = dispatch(d.dispatchId);
            if (!d.reconcile) {
                var w = withdrawn.computeIfAbsent(d.dispatchId, halts::withdrawn);
                if (w.isPresent()) {
                    // Added while its dispatch was being withdrawn (a fan-out racing a cancel).
                    settle(d, DeliveryState.FAILED, null, "withdrawn: " + w.get(), now);
                    continue;
                }
                if (now.isAfter(info.validUntil())) {
                    settle(d, DeliveryState.FAILED, null, "validity deadline passed before it could be sent", now);
                    continue;
                }
                if (info.priority() == Urgency.ROUTINE && suppressed.contains(d.phone)) {
                    settle(d, DeliveryState.SUPPRESSED, null, "opted out of routine SMS", now);
                    continue;
                }
                if (capped.containsKey(d.id)) {
                    settle(d, DeliveryState.HELD, null, capped.get(d.id), now);
                    continue;
                }
            }
            d.moveTo(DeliveryState.SENDING, now);
            d.leaseOwner = owner;
            d.leaseUntil = leaseUntil;
            d.claimedAt = now;
            work.add(new Work(d.id, d.phone, d.body, d.segments, d.reconcile, d.createdAt, leaseUntil, info));
        }
        return work;
    }

    private void settle(SmsDelivery d, DeliveryState state, Integer code, String reason, Instant now) {
        d.moveTo(state, now);
        d.errorCode = code;
        d.reason = reason;
        attempt(d.id, now, state.id(), null, code, null, reason);
    }

    private Set<String> suppressedAmong(List<SmsDelivery> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<String> phones = rows.stream().map(d -> d.phone).collect(Collectors.toSet());
        return Suppression.<Suppression>list("phone in ?1", phones).stream()
                .map(s -> s.phone)
                .collect(Collectors.toSet());
    }

    private DispatchInfo dispatch(long id) {
        // Dispatches never change once created, so each instance caches them.
        return dispatches.computeIfAbsent(id, k -> {
            SmsDispatch d = SmsDispatch.findById(k);
            return new DispatchInfo(d.id, d.sender, d.priority, d.validUntil);
        });
    }

    /** SIDs among {@code sids} not yet recorded on any delivery row. */
    public Set<String> unowned(Collection<String> sids) {
        if (sids.isEmpty()) {
            return Set.of();
        }
        Set<String> owned = SmsDelivery.<SmsDelivery>list("twilioSid in ?1", sids).stream()
                .map(d -> d.twilioSid)
                .collect(Collectors.toSet());
        Set<String> free = new HashSet<>(sids);
        free.removeAll(owned);
        return free;
    }

    /** Records a worker's outcomes in one transaction; rows whose lease it lost are left alone. */
    public void record(String owner, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // Receipts that beat this write (callbacks are fast), read for the whole batch at once.
        Map<String, List<StatusEvent>> receipts = statuses.pendingFor(outcomes.stream()
                .filter(o -> o instanceof Sent)
                .map(o -> ((Sent) o).sid())
                .filter(java.util.Objects::nonNull)
                .toList());
        // The common case, a plain acceptance with no receipt waiting, is one conditional UPDATE per
        // row in a JDBC batch; everything else goes through the entities below.
        List<Sent> plain = new ArrayList<>();
        List<Outcome> rest = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o instanceof Sent s
                    && !s.reconciled()
                    && !s.afterLookupMiss()
                    && s.sid() != null
                    && !receipts.containsKey(s.sid())) {
                plain.add(s);
            } else {
                rest.add(o);
            }
        }
        if (!plain.isEmpty()) {
            int[] updated = markSent(owner, plain, now);
            for (int i = 0; i < plain.size(); i++) {
                Sent s = plain.get(i);
                if (updated[i] == 1) {
                    attempt(s.id(), now, "accepted", null, null, s.sid(), null);
                } else {
                    leaseLost(s, now);
                }
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        Map<Long, SmsDelivery> rows =
                SmsDelivery.<SmsDelivery>list(
                                "id in ?1", rest.stream().map(Outcome::id).toList())
                        .stream()
                        .collect(Collectors.toMap(d -> d.id, Function.identity()));
        for (Outcome o : rest) {
            SmsDelivery d = rows.get(o.id());
            if (d == null || d.state != DeliveryState.SENDING || !owner.equals(d.leaseOwner)) {
                // Another worker took the row after our lease expired; it reconciles with the provider.
                if (o instanceof Sent s) {
                    leaseLost(s, now);
                }
                continue;
            }
            apply(d, o, now, receipts);
        }
    }

    /** An attempt line of its own: a step a worker took before the row's outcome is known. */
    public void note(long deliveryId, String outcome, String detail) {
        attempt(deliveryId, clock.instant(), outcome, null, null, null, detail);
    }

    private static void leaseLost(Sent s, Instant now) {
        attempt(
                s.id(),
                now,
                "lease-lost",
                null,
                null,
                s.sid(),
                "accepted after the lease expired; left to reconciliation");
    }

    /**
     * SENDING → SENT for rows this owner still holds, as {@link #apply} does for a plain acceptance;
     * the lease check is in the WHERE clause, so a row another worker took is left alone (count 0).
     * Runs on the session's own connection, inside this transaction.
     */
    private static int[] markSent(String owner, List<Sent> sent, Instant now) {
        Timestamp ts = Timestamp.from(now);
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        return SmsDelivery.getEntityManager().unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sms_delivery SET state = ?, attempts = attempts + 1,"
                    + " twilio_sid = ?, sent_at = ?, reconcile = FALSE, error_code = NULL, reason = NULL,"
                    + " lease_owner = NULL, lease_until = NULL, updated_at = ?"
                    + " WHERE id = ? AND state = ? AND lease_owner = ?")) {
                for (Sent s : sent) {
                    ps.setString(1, DeliveryState.SENT.name());
                    ps.setString(2, s.sid());
                    ps.setTimestamp(3, ts, utc);
                    ps.setTimestamp(4, ts, utc);
                    ps.setLong(5, s.id());
                    ps.setString(6, DeliveryState.SENDING.name());
                    ps.setString(7, owner);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                int[] out = new int[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == Statement.SUCCESS_NO_INFO) {
                        throw new SQLException("the driver did not report update counts; cannot tell lost leases");
                    }
                    out[i] = counts[i];
                }
                return out;
            }
        });
    }

    private void apply(SmsDelivery d, Outcome o, Instant now, Map<String, List<StatusEvent>> receipts) {
        if (o instanceof Sent s) {
            if (s.afterLookupMiss()) {
                attempt(d.id, now, "not-at-provider", null, null, null, "in-flight send not found at the provider");
            }
            if (!s.reconciled()) {
                d.attempts++;
            }
            d.twilioSid = s.sid();
            d.sentAt = now;
            d.reconcile = false;
            d.errorCode = null;
            d.reason = null;
            d.moveTo(DeliveryState.SENT, now);
            attempt(
                    d.id,
                    now,
                    s.reconciled() ? "reconciled" : "accepted",
                    null,
                    null,
                    s.sid(),
                    s.reconciled() ? "found at the provider; not sent again" : null);
            statuses.applyPending(d, receipts.getOrDefault(s.sid(), List.of()));
        } else if (o instanceof NotSent n) {
            notSent(d, n, now);
        } else if (o instanceof Withdrawn w) {
            d.reconcile = false;
            d.reason = "withdrawn: " + w.reason();
            d.moveTo(DeliveryState.FAILED, now);
            attempt(
                    d.id,
                    now,
                    "withdrawn",
                    null,
                    null,
                    null,
                    "dispatch withdrawn before it was handed to the provider");
        } else if (o instanceof LookupFailed l) {
            d.reconcile = true;
            d.nextAttemptAt = now.plus(config.outbox().reconcileDelay());
            d.reason = "provider lookup failed: " + l.reason();
            d.moveTo(DeliveryState.QUEUED, now);
            attempt(d.id, now, "lookup-failed", null, null, null, l.reason());
        } else {
            d.moveTo(DeliveryState.QUEUED, now);
        }
    }

    private void notSent(SmsDelivery d, NotSent n, Instant now) {
        Refused r = n.refused();
        if (n.afterLookupMiss()) {
            attempt(d.id, now, "not-at-provider", null, null, null, "in-flight send not found at the provider");
        }
        Instant validUntil = dispatch(d.dispatchId).validUntil();
        String outcome = r.kind().name().toLowerCase().replace('_', '-');
        attempt(d.id, now, outcome, r.httpStatus(), r.errorCode(), null, r.reason());
        d.errorCode = r.errorCode();
        switch (r.kind()) {
            case PERMANENT -> {
                d.attempts++;
                d.reconcile = false;
                d.reason = r.reason();
                d.moveTo(DeliveryState.FAILED, now);
                if (r.errorCode() != null && r.errorCode() == TwilioErrors.UNSUBSCRIBED) {
                    optOut.optOut(d.phone, "carrier", "twilio");
                }
            }
            case TRANSIENT -> {
                d.attempts++;
                Instant next = now.plus(backoff(d.attempts, r.retryAfter()));
                if (next.isAfter(validUntil)) {
                    d.reason = "gave up at the validity deadline after " + d.attempts + " attempts: " + r.reason();
                    d.moveTo(DeliveryState.FAILED, now);
                } else {
                    d.reason = "retrying: " + r.reason();
                    d.nextAttemptAt = next;
                    d.moveTo(DeliveryState.QUEUED, now);
                }
            }
            case UNCERTAIN -> {
                d.attempts++;
                d.reconcile = true;
                d.reason = "outcome unknown, will check with the provider: " + r.reason();
                d.nextAttemptAt = now.plus(config.outbox().reconcileDelay());
                d.moveTo(DeliveryState.QUEUED, now);
            }
            case QUIET_HOURS -> {
                d.reason = r.reason();
                d.nextAttemptAt = r.notBefore();
                d.moveTo(DeliveryState.QUEUED, now);
            }
        }
    }

    /** Exponential backoff with jitter (50-100% of the step), never shorter than Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        long initial = config.retry().initialBackoff().toMillis();
        long max = config.retry().maxBackoff().toMillis();
        long step = Math.min(max, initial << Math.min(20, Math.max(0, attempts - 1)));
        long jittered = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    private static void attempt(
            long deliveryId, Instant at, String outcome, Integer httpStatus, Integer code, String sid, String detail) {
        SmsAttempt a = new SmsAttempt();
        a.deliveryId = deliveryId;
        a.at = at;
        a.outcome = outcome;
        a.httpStatus = httpStatus;
        a.errorCode = code;
        a.twilioSid = sid;
        a.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        a.persist();
    }

    /** Rows claimed per batch: small enough that the throttle lets a worker finish within its lease. */
    static int claimSize(int batchSize, double ratePerSecond, Duration lease, int workers) {
        if (Double.isInfinite(ratePerSecond)) {
            return batchSize;
        }
        long fits = (long) (ratePerSecond * lease.toSeconds() / (2.0 * Math.max(1, workers)));
        return (int) Math.max(1, Math.min(batchSize, fits));
    }
}
