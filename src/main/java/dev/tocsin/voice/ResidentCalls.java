package dev.tocsin.voice;

import dev.tocsin.audience.Recipient;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.duty.CallPlacer;
import dev.tocsin.duty.DutyCallPacer;
import dev.tocsin.duty.DutyVoiceClient;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.db.Claims;
import dev.tocsin.platform.db.SchemaMigrator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Residents' voice calls, through an outbox ({@code resident_call}): one row per (occurrence,
 * resident, attempt), unique, so a re-fired occurrence queues nobody twice. Rows due are claimed
 * with SELECT ... FOR UPDATE SKIP LOCKED and marked PLACING under this claim's lease before the
 * commit; the call is placed outside it, after the shared pacer's slot and a lease renewal. A row
 * whose lease expired while PLACING may have been placed: it ends {@code unknown} and is never
 * placed again (the next attempt follows, if any is left), so an attempt is placed at most once
 * across rounds, restarts and instances.
 */
@ApplicationScoped
public class ResidentCalls {

    static final String STATUS_PATH = "/api/twilio/resident-call/status";
    static final Set<String> RETRIED = Set.of("busy", "no-answer", "failed", "refused", "unknown");
    static final Set<String> FINAL = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    /** Stale claims swept per round. */
    private static final int BATCH = 10;
    /**
     * Calls claimed at a time: one, so a process killed while placing leaves only the call it was
     * placing in doubt (it ends unknown, never placed twice), not the rest of a claimed batch.
     */
    private static final int CLAIM = 1;

    private static final Duration PLACE_LEASE = Duration.ofSeconds(60);

    /**
     * Calls of one occurrence, each attempt counted once: waiting to be placed (queued), placed and
     * not ended, and ended by outcome (failed includes refused, unknown and canceled); residents
     * called, those left unreached after their last attempt, and of those the ones texted instead.
     */
    public record Counts(
            long queued,
            long placed,
            long answered,
            long busy,
            long noAnswer,
            long failed,
            long residents,
            long unreached,
            long texted) {
        public Map<String, Long> asMap() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("queued", queued);
            m.put("placed", placed);
            m.put("answered", answered);
            m.put("busy", busy);
            m.put("no-answer", noAnswer);
            m.put("failed", failed);
            m.put("residents", residents);
            m.put("unreached", unreached);
            m.put("texted", texted);
            return m;
        }
    }

    private final VoiceConfig config;
    private final DutyVoiceClient client;
    private final DutyCallPacer pacer;
    private final TocsinConfig tocsin;
    private final SchemaMigrator migrator;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final CallPlacer placer;

    ResidentCalls(
            VoiceConfig config,
            DutyVoiceClient client,
            DutyCallPacer pacer,
            TocsinConfig tocsin,
            SchemaMigrator migrator,
            Clock clock,
            MeterRegistry metrics) {
        this.config = config;
        this.client = client;
        this.pacer = pacer;
        this.tocsin = tocsin;
        this.migrator = migrator;
        this.clock = clock;
        this.metrics = metrics;
        this.placer = new CallPlacer("resident-calls", new Rows(), client, pacer);
    }

    /** This outbox's rows, as the placer takes them. */
    private final class Rows implements CallPlacer.Outbox {
        @Override
        public List<Long> claim(String owner) {
            return ResidentCalls.this.claim(owner);
        }

        @Override
        public CallPlacer.Call prepare(long id, String owner) {
            return ResidentCalls.this.prepare(id, owner);
        }

        @Override
        public void placed(long id, String owner, String sid) {
            ResidentCalls.this.placed(id, owner, sid);
        }

        @Override
        public void end(long id, String outcome, String detail) {
            endById(id, outcome, detail);
        }
    }

    // --- queue ----------------------------------------------------------------------------------

    /**
     * Queues the first call of each resident for this occurrence, unless queued already (a re-fire
     * after a crash adds nobody twice); returns how many rows it added. Wakes the placing thread.
     *
     * @param textIfUnreached the occurrence sends SMS too: whoever is left unreached after the last
     *        attempt is texted instead (see {@link #textsDue})
     */
    public int queue(
            long broadcastId, long occurrenceId, String audioKey, List<Recipient> callers, boolean textIfUnreached) {
        int added = QuarkusTransaction.requiringNew().call(() -> {
            Set<Long> there = new HashSet<>(ResidentCall.getEntityManager()
                    .createQuery(
                            "select c.residentId from ResidentCall c where c.occurrenceId = :o and c.attempt = 1",
                            Long.class)
                    .setParameter("o", occurrenceId)
                    .getResultList());
            Instant now = clock.instant();
            int n = 0;
            for (Recipient r : callers) {
                if (there.add(r.residentId())) {
                    ResidentCall c = new ResidentCall();
                    c.broadcastId = broadcastId;
                    c.occurrenceId = occurrenceId;
                    c.residentId = r.residentId();
                    c.phone = r.phone();
                    c.language = r.language();
                    c.attempt = 1;
                    c.audioKey = audioKey;
                    c.textIfUnreached = textIfUnreached;
                    c.state = ResidentCall.State.QUEUED;
                    c.dueAt = now;
                    c.persist();
                    n++;
                }
            }
            return n;
        });
        placeSoon();
        return added;
    }

    // --- place ----------------------------------------------------------------------------------

    @Scheduled(
            every = "${tocsin.voice.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "resident-calls")
    void scheduled() {
        if (migrator.isReady()) {
            placeSoon();
        }
    }

    /** Places the calls due now on the placing thread (once; a request while one is waiting adds nothing). */
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
        List<ResidentCall> stale = Claims.skipLocked(ResidentCall.<ResidentCall>find(
                        "state = ?1 and leaseUntil < ?2", ResidentCall.State.PLACING, now))
                .page(0, BATCH)
                .list();
        for (ResidentCall c : stale) {
            end(c, "unknown", "lease expired while placing: not placed again", now);
        }
        List<ResidentCall> due = Claims.skipLocked(ResidentCall.<ResidentCall>find(
                        "state = ?1 and dueAt <= ?2", Sort.by("dueAt").and("id"), ResidentCall.State.QUEUED, now))
                .page(0, CLAIM)
                .list();
        Instant until = now.plus(PLACE_LEASE).plusNanos(pacer.intervalNanos() * CLAIM);
        for (ResidentCall c : due) {
            c.state = ResidentCall.State.PLACING;
            c.leaseOwner = owner;
            c.leaseUntil = until;
        }
        return due.stream().map(c -> c.id).toList();
    }

    /** Renews the lease (the row must still be this claim's) and builds the call. */
    private CallPlacer.Call prepare(long id, String owner) {
        int mine = ResidentCall.update(
                "leaseUntil = ?1 where id = ?2 and state = ?3 and leaseOwner = ?4",
                clock.instant().plus(PLACE_LEASE),
                id,
                ResidentCall.State.PLACING,
                owner);
        if (mine != 1) {
            return null;
        }
        ResidentCall c = ResidentCall.findById(id);
        Broadcast b = Broadcast.findById(c.broadcastId);
        String text = b.smsText != null ? b.smsText : b.speakerScript == null ? "" : b.speakerScript;
        Optional<String> mp3 = Optional.ofNullable(c.audioKey)
                .filter(k -> k.matches("[0-9a-f]{64}"))
                .map(k -> {
                    String base = tocsin.publicUrl();
                    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/audio/" + k
                            + ".mp3";
                });
        return new CallPlacer.Call(
                c.phone, VoiceTwiml.call(mp3, text, c.language), client.callbackUrl(STATUS_PATH) + "?c=" + id);
    }

    private void placed(long id, String owner, String sid) {
        Instant now = clock.instant();
        int rows = ResidentCall.update(
                "state = ?1, callSid = ?2, placedAt = ?3, leaseOwner = null, leaseUntil = null"
                        + " where id = ?4 and state = ?5 and leaseOwner = ?6",
                ResidentCall.State.PLACED,
                sid,
                now,
                id,
                ResidentCall.State.PLACING,
                owner);
        if (rows == 0) {
            // Its status callback beat this write and ended it already: keep the SID and time.
            ResidentCall.update("callSid = ?1, placedAt = ?2 where id = ?3 and callSid is null", sid, now, id);
        }
    }

    // --- outcomes -------------------------------------------------------------------------------

    private void endById(long id, String outcome, String detail) {
        ResidentCall c = ResidentCall.findById(id);
        if (c != null && c.state != ResidentCall.State.ENDED) {
            end(c, outcome, detail, clock.instant());
        }
    }

    /**
     * Ends a call and, for a busy, unanswered or failed one, queues the next attempt. The end is a
     * conditional UPDATE, so of two callbacks racing only one ends the call and queues the next.
     */
    private void end(ResidentCall c, String outcome, String detail, Instant now) {
        int rows = ResidentCall.update(
                "state = ?1, outcome = ?2, endedAt = ?3, detail = ?4, leaseOwner = null, leaseUntil = null"
                        + " where id = ?5 and state <> ?1",
                ResidentCall.State.ENDED,
                outcome,
                now,
                detail,
                c.id);
        if (rows != 1) {
            return;
        }
        metrics.counter("tocsin.voice.calls", "outcome", outcome).increment();
        boolean again = RETRIED.contains(outcome) && c.attempt < config.attempts();
        if (!again && c.textIfUnreached && !"completed".equals(outcome) && !"canceled".equals(outcome)) {
            // Unreached after the last attempt: the SMS they were spared is sent after all.
            ResidentCall.update("texted = 'due' where id = ?1 and texted is null", c.id);
        }
        if (again) {
            ResidentCall next = new ResidentCall();
            next.broadcastId = c.broadcastId;
            next.occurrenceId = c.occurrenceId;
            next.residentId = c.residentId;
            next.phone = c.phone;
            next.language = c.language;
            next.attempt = c.attempt + 1;
            next.audioKey = c.audioKey;
            next.textIfUnreached = c.textIfUnreached;
            next.state = ResidentCall.State.QUEUED;
            next.dueAt = now.plus(config.retryAfter());
            next.persist();
        }
    }

    /** A status callback: a final status ends the call once; repeats and late ones change nothing. */
    boolean onStatus(long id, String sid, String status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ResidentCall c = ResidentCall.findById(id);
            if (c == null || (c.callSid != null && !c.callSid.equals(sid))) {
                return false;
            }
            if (c.callSid == null) {
                ResidentCall.update("callSid = ?1 where id = ?2 and callSid is null", sid, id);
            }
            if (c.state != ResidentCall.State.ENDED && FINAL.contains(status)) {
                end(c, status, null, clock.instant());
            }
            return true;
        });
    }

    /**
     * A cancelled or superseded broadcast: calls not placed yet end as {@code canceled} and are
     * never placed (a call already ringing runs its course). Returns how many were withdrawn.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public int withdraw(long occurrenceId, String reason) {
        String detail = reason == null ? "withdrawn" : reason.length() > 280 ? reason.substring(0, 280) : reason;
        return ResidentCall.update(
                "state = ?1, outcome = 'canceled', endedAt = ?2, detail = ?3, leaseOwner = null, leaseUntil = null"
                        + " where occurrenceId = ?4 and state = ?5",
                ResidentCall.State.ENDED,
                clock.instant(),
                "withdrawn: " + detail,
                occurrenceId,
                ResidentCall.State.QUEUED);
    }

    // --- texts for the unreached ---------------------------------------------------------------

    /**
     * Unreached residents whose text is due, oldest first, locked for the caller's transaction
     * (SKIP LOCKED: another instance takes others). Mark them {@link #texted} in the same one.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public List<ResidentCall> textsDue(int max) {
        return Claims.skipLocked(ResidentCall.<ResidentCall>find(
                        "texted = 'due'", Sort.by("endedAt").and("id")))
                .page(0, max)
                .list();
    }

    /** Records the text of each as sent, or as none when its SMS dispatch had been withdrawn. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void texted(List<Long> ids, boolean sent) {
        if (!ids.isEmpty()) {
            ResidentCall.update("texted = ?1 where id in ?2 and texted = 'due'", sent ? "sent" : "none", ids);
        }
    }

    // --- report ---------------------------------------------------------------------------------

    /**
     * Calls of the occurrence not ended yet (queued, placing or placed), and unreached residents
     * whose text is not sent yet: it is not settled while any is.
     */
    public long outstanding(long occurrenceId) {
        return ResidentCall.count(
                "occurrenceId = ?1 and (state <> ?2 or texted = 'due')", occurrenceId, ResidentCall.State.ENDED);
    }

    /**
     * Per occurrence, residents whose last call attempt ended unanswered with none left: the
     * residents who asked to be phoned and were not reached by a call (texted or not, as they may
     * not read it). Occurrences without any are absent.
     */
    public Map<Long, Long> unreachedByOccurrence(Collection<Long> occurrenceIds) {
        if (occurrenceIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> out = new HashMap<>();
        ResidentCall.getEntityManager()
                .createQuery(
                        "select c.occurrenceId, count(c) from ResidentCall c"
                                + " where c.occurrenceId in ?1 and c.state = ?2"
                                + " and (c.outcome is null or c.outcome <> 'completed')"
                                + " and c.attempt = (select max(l.attempt) from ResidentCall l"
                                + " where l.occurrenceId = c.occurrenceId and l.residentId = c.residentId)"
                                + " group by c.occurrenceId",
                        Object[].class)
                .setParameter(1, occurrenceIds)
                .setParameter(2, ResidentCall.State.ENDED)
                .getResultList()
                .forEach(row -> out.put((Long) row[0], (Long) row[1]));
        return out;
    }

    /** Whether the occurrence queued any call at all. */
    public boolean any(long occurrenceId) {
        return ResidentCall.count("occurrenceId", occurrenceId) > 0;
    }

    public Counts counts(long occurrenceId) {
        long queued = 0, placed = 0, answered = 0, busy = 0, noAnswer = 0, failed = 0, texted = 0;
        Set<Long> residents = new HashSet<>();
        for (ResidentCall c : ResidentCall.<ResidentCall>list("occurrenceId", occurrenceId)) {
            residents.add(c.residentId);
            texted += "sent".equals(c.texted) ? 1 : 0;
            switch (c.state) {
                case QUEUED, PLACING -> queued++;
                case PLACED -> placed++;
                case ENDED -> {
                    switch (c.outcome) {
                        case "completed" -> answered++;
                        case "busy" -> busy++;
                        case "no-answer" -> noAnswer++;
                        default -> failed++;
                    }
                }
            }
        }
        long unreached = unreachedByOccurrence(List.of(occurrenceId)).getOrDefault(occurrenceId, 0L);
        return new Counts(queued, placed, answered, busy, noAnswer, failed, residents.size(), unreached, texted);
    }
}
