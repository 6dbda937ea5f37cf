package dev.tocsin.duty;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.db.Claims;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The voice calls of 叫应, through an outbox of their own ({@code duty_voice_call}): one row per
 * (entry, step, attempt), unique, so a step's attempt is queued once whoever queues it. Rows due
 * are claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked PLACING under this claim's lease
 * before the transaction commits; the call is placed outside it, after the pacer's slot and a
 * lease renewal. A row whose lease expired while PLACING may have been placed: it is ended as
 * {@code unknown}, never placed again (its step gets its next attempt instead, if any is left).
 */
@ApplicationScoped
public class DutyVoiceCalls {

    static final Set<String> RETRIED = Set.of("busy", "no-answer", "failed", "refused", "unknown");
    static final Set<String> FINAL =
            Set.of("completed", "busy", "no-answer", "failed", "canceled", "refused", "unknown", "skipped");
    /** Stale claims swept per round. */
    private static final int BATCH = 10;
    /**
     * Calls claimed at a time: one, so a process killed while placing leaves only the call it was
     * placing in doubt (it ends unknown, never placed twice), not the rest of a claimed batch.
     */
    private static final int CLAIM = 1;

    private static final Duration PLACE_LEASE = Duration.ofSeconds(60);

    /** What the record shows of a call. */
    public record View(
            long entryId,
            int step,
            int attempt,
            long personId,
            String state,
            String outcome,
            Instant placedAt,
            Instant endedAt,
            String digits) {}

    /** What a gathered key press refers to. */
    record Gathered(long entryId, long personId, String language) {}

    private final DutyConfig config;
    private final DutyVoiceClient client;
    private final DutyCallPacer pacer;
    private final TocsinConfig tocsin;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final CallPlacer placer;

    DutyVoiceCalls(
            DutyConfig config,
            DutyVoiceClient client,
            DutyCallPacer pacer,
            TocsinConfig tocsin,
            Clock clock,
            MeterRegistry metrics) {
        this.config = config;
        this.client = client;
        this.pacer = pacer;
        this.tocsin = tocsin;
        this.clock = clock;
        this.metrics = metrics;
        this.placer = new CallPlacer("duty-calls", new Rows(), client, pacer);
    }

    /** This outbox's rows, as the placer takes them. */
    private final class Rows implements CallPlacer.Outbox {
        @Override
        public List<Long> claim(String owner) {
            return DutyVoiceCalls.this.claim(owner);
        }

        @Override
        public CallPlacer.Call prepare(long id, String owner) {
            return DutyVoiceCalls.this.prepare(id, owner);
        }

        @Override
        public void placed(long id, String owner, String sid) {
            DutyVoiceCalls.this.placed(id, owner, sid);
        }

        @Override
        public void end(long id, String outcome, String detail) {
            endById(id, outcome, detail);
        }
    }

    // --- queue ----------------------------------------------------------------------------------

    /** Queues a step's attempt unless it is queued already (the unique key settles a race). */
    void queue(long entryId, int step, long personId, int attempt, Instant due) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (DutyVoiceCall.count("entryId = ?1 and step = ?2 and attempt = ?3", entryId, step, attempt) == 0) {
                    DutyVoiceCall c = new DutyVoiceCall();
                    c.entryId = entryId;
                    c.step = step;
                    c.attempt = attempt;
                    c.personId = personId;
                    c.state = DutyVoiceCall.State.QUEUED;
                    c.dueAt = due;
                    c.persist();
                }
            });
        } catch (RuntimeException e) {
            boolean there = QuarkusTransaction.requiringNew()
                    .call(() ->
                            DutyVoiceCall.count("entryId = ?1 and step = ?2 and attempt = ?3", entryId, step, attempt)
                                    > 0);
            if (!there) {
                throw e;
            }
        }
    }

    // --- place ----------------------------------------------------------------------------------

    /** Places the calls due now on the placing thread (once; a request while it is queued adds nothing). */
    public void placeSoon() {
        placer.placeSoon();
    }

    void onStop(@Observes ShutdownEvent event) {
        placer.shutdown();
    }

    /** Places every call due now; returns how many this instance placed. */
    public int placeDue() {
        return placer.placeDue();
    }

    private List<Long> claim(String owner) {
        Instant now = clock.instant();
        List<DutyVoiceCall> stale = Claims.skipLocked(DutyVoiceCall.<DutyVoiceCall>find(
                        "state = ?1 and leaseUntil < ?2", DutyVoiceCall.State.PLACING, now))
                .page(0, BATCH)
                .list();
        for (DutyVoiceCall c : stale) {
            end(c, "unknown", "lease expired while placing: not placed again", now);
        }
        List<DutyVoiceCall> due = Claims.skipLocked(DutyVoiceCall.<DutyVoiceCall>find(
                        "state = ?1 and dueAt <= ?2", Sort.by("dueAt").and("id"), DutyVoiceCall.State.QUEUED, now))
                .page(0, CLAIM)
                .list();
        Instant until = now.plus(PLACE_LEASE).plusNanos(pacer.intervalNanos() * CLAIM);
        for (DutyVoiceCall c : due) {
            c.state = DutyVoiceCall.State.PLACING;
            c.leaseOwner = owner;
            c.leaseUntil = until;
        }
        return due.stream().map(c -> c.id).toList();
    }

    /**
     * Renews the lease (the row must still be this claim's) and builds the call; ends it as skipped
     * when its entry was answered or closed meanwhile.
     */
    private CallPlacer.Call prepare(long id, String owner) {
        Instant now = clock.instant();
        int mine = DutyVoiceCall.update(
                "leaseUntil = ?1 where id = ?2 and state = ?3 and leaseOwner = ?4",
                now.plus(PLACE_LEASE),
                id,
                DutyVoiceCall.State.PLACING,
                owner);
        if (mine != 1) {
            return null;
        }
        DutyVoiceCall c = DutyVoiceCall.findById(id);
        DutyEntry e = DutyEntry.findById(c.entryId);
        DutyCall call = e == null ? null : DutyCall.findById(e.callId);
        if (e == null || !e.state.open() || call.state != DutyCall.State.OPEN) {
            end(c, "skipped", "answered or closed before the call", now);
            return null;
        }
        DutyPerson to = DutyPerson.findById(c.personId);
        Broadcast b = Broadcast.findById(call.broadcastId);
        String text = b.smsText != null ? b.smsText : b.speakerScript == null ? "" : b.speakerScript;
        return new CallPlacer.Call(
                to.mobile,
                DutyVoiceTwiml.call(client.gatherUrl(id), programme(b.id), text, to.language),
                client.statusUrl(id));
    }

    /** The public URL of the broadcast's newest rendered loudspeaker programme, if it has one. */
    private Optional<String> programme(long broadcastId) {
        return Occurrence.<Occurrence>find(
                        "broadcastId = ?1 and audioKey is not null", Sort.descending("id"), broadcastId)
                .firstResultOptional()
                .map(o -> o.audioKey)
                .filter(k -> k.matches("[0-9a-f]{64}"))
                .map(k -> {
                    String base = tocsin.publicUrl();
                    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/audio/" + k
                            + ".mp3";
                });
    }

    private void placed(long id, String owner, String sid) {
        Instant now = clock.instant();
        int rows = DutyVoiceCall.update(
                "state = ?1, callSid = ?2, placedAt = ?3, leaseOwner = null, leaseUntil = null"
                        + " where id = ?4 and state = ?5 and leaseOwner = ?6",
                DutyVoiceCall.State.PLACED,
                sid,
                now,
                id,
                DutyVoiceCall.State.PLACING,
                owner);
        if (rows == 0) {
            // Its status callback beat this write and ended it already: keep the SID and time.
            DutyVoiceCall.update("callSid = ?1, placedAt = ?2 where id = ?3 and callSid is null", sid, now, id);
        }
    }

    // --- outcomes -------------------------------------------------------------------------------

    private void endById(long id, String outcome, String detail) {
        DutyVoiceCall c = DutyVoiceCall.findById(id);
        if (c != null && c.state != DutyVoiceCall.State.ENDED) {
            end(c, outcome, detail, clock.instant());
        }
    }

    /**
     * Ends a call with its outcome and, for a busy, unanswered or failed one, queues the next
     * attempt. The end is a conditional UPDATE, so of two callbacks racing only one ends the call,
     * counts it and queues the next attempt.
     */
    private void end(DutyVoiceCall c, String outcome, String detail, Instant now) {
        int rows = DutyVoiceCall.update(
                "state = ?1, outcome = ?2, endedAt = ?3, detail = ?4, leaseOwner = null, leaseUntil = null"
                        + " where id = ?5 and state <> ?1",
                DutyVoiceCall.State.ENDED,
                outcome,
                now,
                detail,
                c.id);
        if (rows != 1) {
            return;
        }
        metrics.counter("tocsin.duty.calls", "outcome", outcome).increment();
        if (RETRIED.contains(outcome) && c.attempt < config.callAttempts()) {
            DutyEntry e = DutyEntry.findById(c.entryId);
            if (e != null && e.state.open()) {
                DutyVoiceCall next = new DutyVoiceCall();
                next.entryId = c.entryId;
                next.step = c.step;
                next.attempt = c.attempt + 1;
                next.personId = c.personId;
                next.state = DutyVoiceCall.State.QUEUED;
                next.dueAt = now.plus(config.callRetryAfter());
                next.persist();
            }
        }
    }

    /**
     * A status callback: the call's final status ends it (once; repeats and late ones change
     * nothing). Returns false when no such call is known.
     */
    boolean onStatus(long id, String sid, String status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DutyVoiceCall c = DutyVoiceCall.findById(id);
            if (c == null || (c.callSid != null && !c.callSid.equals(sid))) {
                return false;
            }
            if (c.callSid == null) {
                DutyVoiceCall.update("callSid = ?1 where id = ?2 and callSid is null", sid, id);
            }
            if (c.state != DutyVoiceCall.State.ENDED && FINAL.contains(status)) {
                end(c, status, null, clock.instant());
            }
            return true;
        });
    }

    /** Records the key pressed on a call; returns whose answer it is, if the call is known. */
    Optional<Gathered> onGather(long id, String sid, String digits) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DutyVoiceCall c = DutyVoiceCall.findById(id);
            if (c == null || (c.callSid != null && sid != null && !c.callSid.equals(sid))) {
                return Optional.<Gathered>empty();
            }
            c.digits = digits;
            DutyPerson p = DutyPerson.findById(c.personId);
            return Optional.of(new Gathered(c.entryId, c.personId, p == null ? null : p.language));
        });
    }

    // --- record ---------------------------------------------------------------------------------

    /** The calls of these entries, by entry, step and attempt. */
    static List<View> forEntries(List<Long> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return DutyVoiceCall.<DutyVoiceCall>list("entryId in ?1 order by entryId, step, attempt", entryIds).stream()
                .map(DutyVoiceCalls::view)
                .toList();
    }

    static View view(DutyVoiceCall c) {
        return new View(
                c.entryId,
                c.step,
                c.attempt,
                c.personId,
                c.state.name().toLowerCase(java.util.Locale.ROOT),
                c.outcome,
                c.placedAt,
                c.endedAt,
                c.digits);
    }
}
