package dev.tocsin.sms;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.compose.sms.SmsCounter;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Turns a fan-out request into outbox rows. The audience is streamed in chunks, each inserted
 * with one JDBC batch in its own transaction, so memory stays flat for any audience size and a
 * crash mid-way is repaired by dispatching the same reference again: rows that exist are kept.
 */
@ApplicationScoped
public class SmsDispatchService {

    static final int CHUNK = 500;

    private final DataSource dataSource;
    private final CarrierRules carrier;
    private final TwilioAccount account;
    private final SmsConfig config;
    private final Clock clock;
    private final DispatchHalts halts;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    /** Settles withdrawn dispatches' queued rows after the withdrawal commits. */
    private final java.util.concurrent.ExecutorService settler =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sms-withdrawal");
                t.setDaemon(true);
                return t;
            });

    SmsDispatchService(
            DataSource dataSource,
            CarrierRules carrier,
            TwilioAccount account,
            SmsConfig config,
            Clock clock,
            DispatchHalts halts,
            jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.carrier = carrier;
        this.account = account;
        this.config = config;
        this.clock = clock;
        this.halts = halts;
        this.transactions = transactions;
    }

    public record DispatchResult(long dispatchId, int queued, int held, int suppressed, int alreadyQueued) {}

    public DispatchResult dispatch(SmsDispatchRequest request, Stream<Recipient> recipients) {
        validate(request);
        long dispatchId = QuarkusTransaction.requiringNew().call(() -> findOrCreate(request)).id;
        Instant validUntil =
                QuarkusTransaction.requiringNew().call(() -> SmsDispatch.<SmsDispatch>findById(dispatchId).validUntil);
        int[] totals = new int[4];
        Iterator<Recipient> it = recipients.iterator();
        List<Recipient> chunk = new ArrayList<>(CHUNK);
        while (it.hasNext()) {
            if (chunk.isEmpty() && halts.withdrawn(dispatchId).isPresent()) {
                break; // withdrawn while the audience was being read: add no more rows
            }
            chunk.add(it.next());
            if (chunk.size() == CHUNK || !it.hasNext()) {
                List<Recipient> rows = chunk;
                int[] counts = QuarkusTransaction.requiringNew()
                        .call(() -> insertChunk(dispatchId, request, validUntil, rows));
                for (int i = 0; i < 4; i++) {
                    totals[i] += counts[i];
                }
                chunk = new ArrayList<>(CHUNK);
            }
        }
        return new DispatchResult(dispatchId, totals[0], totals[1], totals[2], totals[3]);
    }

    /**
     * Withdraws a dispatch in the caller's transaction: the dispatch is marked withdrawn, which is
     * all the guarantee needs (the outbox checks {@link DispatchHalts} before every provider call and
     * settles withdrawn rows it claims, and a fan-out stops adding rows), so the caller's transaction
     * stays one row wide however large the audience. Its QUEUED rows are then turned FAILED
     * "withdrawn: ..." in bulk right after the commit. Rows already handed to the provider are left
     * alone. Returns how many rows were queued at the withdrawal (0 for an unknown reference).
     */
    public int withdraw(String externalRef, String reason) {
        String why = reason.length() > 480 ? reason.substring(0, 480) : reason;
        return QuarkusTransaction.joiningExisting()
                .call(() -> SmsDispatch.findByExternalRef(externalRef)
                        .map(d -> {
                            SmsDispatch.update(
                                    "withdrawnAt = ?1, withdrawnReason = ?2 where id = ?3 and withdrawnAt is null",
                                    clock.instant(),
                                    why,
                                    d.id);
                            long queued =
                                    SmsDelivery.count("dispatchId = ?1 and state = ?2", d.id, DeliveryState.QUEUED);
                            long id = d.id;
                            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                                @Override
                                public void beforeCompletion() {}

                                @Override
                                public void afterCompletion(int status) {
                                    if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                                        settler.execute(() -> settleWithdrawn(id, why));
                                    }
                                }
                            });
                            return (int) queued;
                        })
                        .orElse(0));
    }

    /** QUEUED rows of a withdrawn dispatch → FAILED "withdrawn: ..." (after the withdrawal committed). */
    int settleWithdrawn(long dispatchId, String reason) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> SmsDelivery.update(
                            "state = ?1, reason = ?2,"
                                    + " finalAt = ?3, updatedAt = ?3 where dispatchId = ?4 and state = ?5",
                            DeliveryState.FAILED,
                            "withdrawn: " + reason,
                            clock.instant(),
                            dispatchId,
                            DeliveryState.QUEUED));
        } catch (RuntimeException e) {
            // The outbox settles them when it claims them; nothing is sent either way.
            org.jboss.logging.Logger.getLogger(SmsDispatchService.class)
                    .warnf(
                            e,
                            "Withdrawn SMS dispatch %d: queued rows left to the outbox to settle: %s",
                            dispatchId,
                            e.getMessage());
            return 0;
        }
    }

    private void validate(SmsDispatchRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.body() == null || r.body().isBlank()) {
            errors.add(new Problem.FieldError("body", "must not be blank"));
        } else if (r.body().length() > 1600) {
            errors.add(new Problem.FieldError("body", "must be at most 1600 characters"));
        }
        r.bodies().forEach((lang, text) -> {
            if (text == null || text.isBlank() || text.length() > 1600) {
                errors.add(new Problem.FieldError("bodies." + lang, "must be 1 to 1600 characters"));
            }
        });
        if (r.marked() != null) {
            if (r.marked().body() == null
                    || r.marked().body().isBlank()
                    || r.marked().body().length() > 1600) {
                errors.add(new Problem.FieldError("marked.body", "must be 1 to 1600 characters"));
            }
            r.marked().bodies().forEach((lang, text) -> {
                if (text == null || text.isBlank() || text.length() > 1600) {
                    errors.add(new Problem.FieldError("marked.bodies." + lang, "must be 1 to 1600 characters"));
                }
            });
        }
        if (r.priority() == null) {
            errors.add(new Problem.FieldError("priority", "must be routine or urgent"));
        }
        if (r.createdBy() == null || r.createdBy().isBlank()) {
            errors.add(new Problem.FieldError("createdBy", "must not be blank"));
        }
        if (r.externalRef() != null
                && (r.externalRef().isBlank() || r.externalRef().length() > 100)) {
            errors.add(new Problem.FieldError("externalRef", "must be 1 to 100 characters"));
        }
        if (r.validUntil() != null && !r.validUntil().isAfter(clock.instant())) {
            errors.add(new Problem.FieldError("validUntil", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private SmsDispatch findOrCreate(SmsDispatchRequest r) {
        if (r.externalRef() != null) {
            var existing = SmsDispatch.findByExternalRef(r.externalRef());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = clock.instant();
        SmsDispatch d = new SmsDispatch();
        d.externalRef = r.externalRef();
        d.sender = account.sender();
        d.priority = r.priority();
        d.body = r.body();
        d.validUntil = r.validUntil() != null ? r.validUntil() : now.plus(config.defaultValidity());
        d.createdBy = r.createdBy();
        d.createdAt = now;
        d.persist();
        return d;
    }

    private record Prepared(String body, int segments, String tooLong) {}

    /** Returns {queued, held, suppressed, already present}. */
    private int[] insertChunk(long dispatchId, SmsDispatchRequest r, Instant validUntil, List<Recipient> chunk)
            throws SQLException {
        int[] counts = new int[4];
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Set<Long> existing = existingResidents(c, dispatchId, chunk);
            Set<String> suppressed = r.priority() == Urgency.ROUTINE ? suppressedPhones(c, chunk) : Set.of();
            List<Recipient> fresh = new ArrayList<>();
            Set<Long> seen = new HashSet<>(existing);
            for (Recipient rec : chunk) {
                if (seen.add(rec.residentId())) {
                    fresh.add(rec);
                }
            }
            counts[3] = chunk.size() - fresh.size();
            if (fresh.isEmpty()) {
                return counts;
            }
            long[] ids = allocateIds(c, fresh.size());
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO sms_delivery (id, dispatch_id, resident_id, phone, body,"
                            + " segments, state, attempts, next_attempt_at, reconcile, reason, final_at, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, ?, ?, ?, ?)")) {
                Timestamp ts = Timestamp.from(now);
                // The signed body, its segment count and any length problem depend only on the
                // language and the destination country: worked out once per pair, not per row.
                Map<String, Prepared> prepared = new HashMap<>();
                for (int i = 0; i < fresh.size(); i++) {
                    Recipient rec = fresh.get(i);
                    String region = CarrierRules.region(rec.phone());
                    boolean marked =
                            r.marked() != null && r.marked().residents().contains(rec.residentId());
                    Prepared p = prepared.computeIfAbsent(rec.language() + "\u0000" + region + "\u0000" + marked, k -> {
                        String text = marked ? r.marked().text(rec) : r.bodies().getOrDefault(rec.language(), r.body());
                        String signed = carrier.sign(text, rec.phone());
                        return new Prepared(
                                signed,
                                SmsCounter.count(signed).segments(),
                                carrier.lengthProblem(signed, rec.phone()).orElse(null));
                    });
                    String body = p.body();
                    DeliveryState state = DeliveryState.QUEUED;
                    String reason = null;
                    if (p.tooLong() != null) {
                        state = DeliveryState.HELD;
                        reason = p.tooLong();
                        counts[1]++;
                    } else if (suppressed.contains(rec.phone())) {
                        state = DeliveryState.SUPPRESSED;
                        reason = "opted out of routine SMS";
                        counts[2]++;
                    } else {
                        counts[0]++;
                    }
                    ps.setLong(1, ids[i]);
                    ps.setLong(2, dispatchId);
                    ps.setLong(3, rec.residentId());
                    ps.setString(4, rec.phone());
                    ps.setString(5, body);
                    ps.setInt(6, p.segments());
                    ps.setString(7, state.name());
                    ps.setTimestamp(8, ts);
                    ps.setString(9, reason);
                    ps.setTimestamp(10, state.isFinal() ? ts : null);
                    ps.setTimestamp(11, ts);
                    ps.setTimestamp(12, ts);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return counts;
    }

    private static Set<Long> existingResidents(Connection c, long dispatchId, List<Recipient> chunk)
            throws SQLException {
        String in = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT resident_id FROM sms_delivery WHERE dispatch_id = ? AND resident_id IN (" + in + ")")) {
            ps.setLong(1, dispatchId);
            for (int i = 0; i < chunk.size(); i++) {
                ps.setLong(i + 2, chunk.get(i).residentId());
            }
            Set<Long> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static Set<String> suppressedPhones(Connection c, List<Recipient> chunk) throws SQLException {
        String in = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps =
                c.prepareStatement("SELECT phone FROM sms_suppression WHERE phone IN (" + in + ")")) {
            for (int i = 0; i < chunk.size(); i++) {
                ps.setString(i + 1, chunk.get(i).phone());
            }
            Set<String> phones = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    phones.add(rs.getString(1));
                }
            }
            return phones;
        }
    }

    /** Ids from sms_delivery_seq: each value v (increment 50) owns v .. v+49. */
    private static long[] allocateIds(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        int filled = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR sms_delivery_seq")) {
            while (filled < count) {
                long base;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    base = rs.getLong(1);
                }
                for (int i = 0; i < 50 && filled < count; i++) {
                    ids[filled++] = base + i;
                }
            }
        }
        return ids;
    }
}
