package dev.tocsin.voice;

import com.twilio.exception.ApiException;
import dev.tocsin.audience.Recipient;
import dev.tocsin.broadcast.Broadcast;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(ResidentCalls.class);
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

    private record Placement(String to, String twiml) {}

    private final VoiceConfig config;
    private final DutyVoiceClient client;
    private final DutyCallPacer pacer;
    private final TocsinConfig tocsin;
    private final SchemaMigrator migrator;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String instance = "voice-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService placer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "resident-calls");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean placing = new AtomicBoolean();

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
        if (placing.compareAndSet(false, true)) {
            try {
                placer.execute(() -> {
                    placing.set(false);
                    try {
                        placeDue();
                    } catch (RuntimeException e) {
                        LOG.warnf(
                                e,
                                "Residents' voice calls: not placed yet, tried again next round: %s",
                                e.getMessage());
                    }
                });
            } catch (RejectedExecutionException e) {
                placing.set(false); // shutting down
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        placer.shutdownNow();
    }

    /** Places every call due now, in claims of a few rows; returns how many this instance placed. */
    public int placeDue() {
        int placed = 0;
        while (true) {
            String owner = instance + "." + UUID.randomUUID().toString().substring(0, 8);
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> claim(owner));
            if (ids.isEmpty()) {
                return placed;
            }
            for (long id : ids) {
                placed += place(id, owner) ? 1 : 0;
            }
        }
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

    private boolean place(long id, String owner) {
        Placement p = QuarkusTransaction.requiringNew().call(() -> prepare(id, owner));
        if (p == null) {
            return false;
        }
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // left PLACING: its lease expires and it ends as unknown, never placed twice
        }
        try {
            String sid = client.place(p.to(), p.twiml(), client.callbackUrl(STATUS_PATH) + "?c=" + id);
            QuarkusTransaction.requiringNew().run(() -> placed(id, owner, sid));
            return true;
        } catch (ApiException e) {
            String detail = "refused by Twilio: HTTP " + e.getStatusCode() + ", error " + e.getCode();
            QuarkusTransaction.requiringNew().run(() -> endById(id, "refused", detail));
        } catch (RuntimeException e) {
            LOG.warnf("Resident call %d: outcome unknown (%s)", id, e.getClass().getSimpleName());
            QuarkusTransaction.requiringNew().run(() -> endById(id, "unknown", "no answer from Twilio"));
        }
        return false;
    }

    /** Renews the lease (the row must still be this claim's) and builds the call. */
    private Placement prepare(long id, String owner) {
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
        return new Placement(c.phone, VoiceTwiml.call(mp3, text, c.language));
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

    /** Whether the occurrence queued any call at all. */
    public boolean any(long occurrenceId) {
        return ResidentCall.count("occurrenceId", occurrenceId) > 0;
    }

    public Counts counts(long occurrenceId) {
        long queued = 0, placed = 0, answered = 0, busy = 0, noAnswer = 0, failed = 0, texted = 0;
        Map<Long, ResidentCall> last = new LinkedHashMap<>();
        for (ResidentCall c :
                ResidentCall.<ResidentCall>list("occurrenceId = ?1 order by residentId, attempt", occurrenceId)) {
            last.put(c.residentId, c);
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
        long unreached = last.values().stream()
                .filter(c -> c.state == ResidentCall.State.ENDED && !"completed".equals(c.outcome))
                .count();
        return new Counts(queued, placed, answered, busy, noAnswer, failed, last.size(), unreached, texted);
    }
}
