package dev.tocsin.fanout;

import dev.tocsin.alert.Channel;
import dev.tocsin.audience.AudienceQuery;
import dev.tocsin.audience.AudienceService;
import dev.tocsin.audience.Recipient;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastAudio;
import dev.tocsin.broadcast.BroadcastConfig;
import dev.tocsin.broadcast.BroadcastLifecycle;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.compose.template.CapSeverity;
import dev.tocsin.loudspeaker.PlayPriority;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.platform.db.Claims;
import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sms.SmsDispatchRequest;
import dev.tocsin.sms.SmsDispatchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fires due occurrences exactly once across instances. A claim round takes due PLANNED rows
 * (and FIRING rows whose lease expired: the instance died mid-way) with SELECT ... FOR UPDATE
 * SKIP LOCKED, marks them FIRING with this instance's lease and commits; only then it dispatches.
 * Both downstream calls are idempotent per occurrence ref (SMS externalRef, one play per
 * terminal), so a re-fire after a crash completes the work without duplicating it.
 */
@ApplicationScoped
public class OccurrenceFirer {

    private static final Logger LOG = Logger.getLogger(OccurrenceFirer.class);
    private static final String SYSTEM = "system:scheduler";
    private static final int AUDIENCE_READ_TIMEOUT_SECONDS = 3600;

    private final String owner = "firer-" + UUID.randomUUID().toString().substring(0, 8);
    /** Runs the loudspeaker side of a firing while the SMS side streams the audience. */
    private final ExecutorService speakerPool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "broadcast-speaker");
        t.setDaemon(true);
        return t;
    });

    private final BroadcastService broadcasts;
    private final SmsRequests smsRequests;
    private final AudienceService audience;
    private final SmsDispatchService sms;
    private final PlayService plays;
    private final AudioService audio;
    private final BroadcastAudio broadcastAudio;
    private final Withdrawal withdrawal;
    private final DeliveryTracker tracker;
    private final BroadcastLifecycle lifecycle;
    private final CallFanout callFanout;
    private final AuditLog audit;
    private final SchemaMigrator migrator;
    private final BroadcastConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    OccurrenceFirer(
            BroadcastService broadcasts,
            SmsRequests smsRequests,
            AudienceService audience,
            SmsDispatchService sms,
            PlayService plays,
            AudioService audio,
            BroadcastAudio broadcastAudio,
            Withdrawal withdrawal,
            DeliveryTracker tracker,
            AuditLog audit,
            SchemaMigrator migrator,
            BroadcastConfig config,
            Clock clock,
            MeterRegistry metrics,
            BroadcastLifecycle lifecycle,
            CallFanout callFanout) {
        this.lifecycle = lifecycle;
        this.callFanout = callFanout;
        this.broadcasts = broadcasts;
        this.smsRequests = smsRequests;
        this.audience = audience;
        this.sms = sms;
        this.plays = plays;
        this.audio = audio;
        this.broadcastAudio = broadcastAudio;
        this.withdrawal = withdrawal;
        this.tracker = tracker;
        this.audit = audit;
        this.migrator = migrator;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(
            every = "${tocsin.broadcast.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "broadcast-firer")
    void tick() {
        if (migrator.isReady()) {
            fireDue(clock.instant(), owner);
        }
    }

    /** Claims and fires everything due at {@code now}; returns how many occurrences this caller fired. */
    public int fireDue(Instant now, String claimer) {
        int fired = 0;
        while (true) {
            List<Long> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now, claimer));
            if (claimed.isEmpty()) {
                return fired;
            }
            for (Long id : claimed) {
                try {
                    if (fire(id, now, claimer)) {
                        fired++;
                    }
                } catch (RuntimeException e) {
                    // The lease stays: the occurrence is fired again once it expires.
                    LOG.errorf(e, "Occurrence %d failed to fire; it is retried after its lease", id);
                }
            }
        }
    }

    private List<Long> claim(Instant now, String claimer) {
        List<Occurrence> due = Claims.skipLocked(Occurrence.<Occurrence>find(
                        "(state = ?1 and dueAt <= ?2) or (state = ?3 and leaseUntil < ?2) order by dueAt, id",
                        OccurrenceState.PLANNED,
                        now,
                        OccurrenceState.FIRING))
                .page(0, config.batchSize())
                .list();
        List<Long> mine = new ArrayList<>();
        for (Occurrence o : due) {
            if (now.isAfter(o.dueAt.plus(config.misfireGrace()))) {
                o.moveTo(OccurrenceState.MISSED);
                o.outcome = "missed: found "
                        + java.time.Duration.between(o.dueAt, now).toMinutes()
                        + " min after its due time, beyond the misfire grace of " + config.misfireGrace();
                o.leaseOwner = null;
                o.leaseUntil = null;
                audit.record(
                        SYSTEM,
                        "occurrence.missed",
                        "broadcast:" + o.broadcastId,
                        "occurrence " + o.id + " " + o.outcome);
                tracker.settle(o.broadcastId);
                continue;
            }
            o.moveTo(OccurrenceState.FIRING);
            o.leaseOwner = claimer;
            o.leaseUntil = now.plus(config.lease());
            o.attempts++;
            mine.add(o.id);
        }
        return mine;
    }

    /** @param smsRequest the occurrence's SMS dispatch: frozen texts per language, corrections marked */
    private record Work(
            Occurrence occurrence, Broadcast broadcast, AudienceQuery query, SmsDispatchRequest smsRequest) {}

    private boolean fire(long id, Instant now, String claimer) {
        Work w = QuarkusTransaction.requiringNew().call(() -> {
            Occurrence o = Occurrence.findById(id);
            if (o.state != OccurrenceState.FIRING || !claimer.equals(o.leaseOwner)) {
                return null; // cancelled between claim and dispatch
            }
            Broadcast b = Broadcast.findById(o.broadcastId);
            return new Work(o, b, broadcasts.audience(b), smsRequests.of(o, b, now));
        });
        if (w == null) {
            return false;
        }
        Occurrence o = w.occurrence();
        Broadcast b = w.broadcast();
        String[] audioKey = {null};
        String[] failure = {null};
        // Loudspeakers and SMS are dispatched side by side: plays for a few hundred terminals must
        // not wait for 100,000 outbox rows, nor the first SMS for the audio to be rendered.
        CompletableFuture<Speaker> speaker = b.sends(Channel.LOUDSPEAKER) && o.covers(Channel.LOUDSPEAKER)
                ? CompletableFuture.supplyAsync(() -> loudspeaker(w, now), speakerPool)
                : CompletableFuture.completedFuture(new Speaker(o.audioKey, null, null));
        List<String> outcome = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            // Residents who prefer a call get it instead of the SMS, whichever occurrence carries each channel.
            List<Recipient> callers = callFanout.callers(b, w.query());
            if (b.sends(Channel.VOICE) && o.covers(Channel.VOICE)) {
                outcome.add(callFanout.queue(o, b, callers, failures));
            }
            if (b.sends(Channel.SMS) && o.covers(Channel.SMS)) {
                Set<Long> called = callers.stream().map(Recipient::residentId).collect(Collectors.toSet());
                outcome.add(sms(w, called));
            }
        } finally {
            Speaker s = speaker.join();
            if (s.outcome() != null) {
                outcome.add(s.outcome());
            }
            audioKey[0] = s.audioKey();
            if (s.failure() != null) {
                failures.add(0, s.failure());
            }
            failure[0] = failures.isEmpty() ? null : String.join("; ", failures);
        }
        String key = audioKey[0];
        return QuarkusTransaction.requiringNew()
                .call(() -> finish(id, claimer, key, String.join("; ", outcome), failure[0]));
    }

    /** @param failure set when the loudspeaker channel could not be dispatched */
    private record Speaker(String audioKey, String outcome, String failure) {}

    private String sms(Work w, Set<Long> callers) {
        Broadcast b = w.broadcast();
        AudienceQuery withOverride = BroadcastService.smsAudience(w.query(), b, audience.optOutOverrideAllowed());
        // The audience is read in this transaction while each chunk of outbox rows commits in its own;
        // it holds no locks, so a long timeout is harmless and a 100,000-resident read must not hit the default.
        var result = QuarkusTransaction.requiringNew()
                .timeout(AUDIENCE_READ_TIMEOUT_SECONDS)
                .call(() -> {
                    try (Stream<Recipient> recipients =
                            audience.residents(withOverride).filter(r -> !callers.contains(r.residentId()))) {
                        // Each resident reads their language's text; any other language gets the broadcast's own.
                        return sms.dispatch(w.smsRequest(), recipients);
                    }
                });
        return "sms: " + result.queued() + " queued, " + result.suppressed() + " suppressed, " + result.held()
                + " held";
    }

    private Speaker loudspeaker(Work w, Instant now) {
        Occurrence o = w.occurrence();
        Broadcast b = w.broadcast();
        String audioKey = o.audioKey;
        try {
            if (audioKey == null) {
                audioKey = broadcastAudio.programme(b).programme().key();
            }
            String key = audioKey;
            Instant start = o.dueAt.isAfter(now) ? o.dueAt : now;
            int created = QuarkusTransaction.requiringNew().call(() -> {
                try (Stream<Long> terminals = audience.terminals(w.query()).map(t -> t.terminalId())) {
                    return plays.schedule(
                            new PlayService.PlayRequest(
                                    o.ref(), key, playPriority(b), start, start.plus(config.playWindow())),
                            terminals);
                }
            });
            return new Speaker(audioKey, "loudspeaker: " + created + " plays", null);
        } catch (RuntimeException e) {
            String why = e instanceof dev.tocsin.platform.problem.ProblemException p
                    ? p.problem().detail()
                    : e.toString();
            // A channel skipped after approval must be seen: WARN, a metric, and the occurrence ends FAILED.
            LOG.warnf(
                    "Broadcast %d occurrence %d: channel loudspeaker FAILED, no plays scheduled: %s", b.id, o.id, why);
            metrics.counter("tocsin.broadcast.channel.failures", "channel", "loudspeaker")
                    .increment();
            return new Speaker(audioKey, "loudspeaker: not scheduled (" + why + ")", "loudspeaker: " + why);
        }
    }

    private boolean finish(long id, String claimer, String audioKey, String outcome, String failure) {
        Occurrence o = Occurrence.findById(id);
        if (o.state != OccurrenceState.FIRING || !claimer.equals(o.leaseOwner)) {
            // Cancelled (or taken over) while we dispatched: withdraw what we may have added.
            if (o.state == OccurrenceState.CANCELLED) {
                withdrawal.withdrawOccurrence(o, "cancelled while firing");
            }
            return false;
        }
        o.moveTo(OccurrenceState.FIRED);
        o.firedAt = clock.instant();
        o.audioKey = audioKey;
        o.outcome = outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome;
        o.failure = failure == null || failure.length() <= 1000 ? failure : failure.substring(0, 1000);
        o.leaseOwner = null;
        o.leaseUntil = null;
        lifecycle.advance(
                o.broadcastId,
                BroadcastStatus.DISPATCHING,
                List.of(BroadcastStatus.APPROVED),
                "occurrence " + o.id + " fired");
        audit.record(SYSTEM, "occurrence.fired", "broadcast:" + o.broadcastId, "occurrence " + o.id + ": " + outcome);
        tracker.settle(o.broadcastId);
        return true;
    }

    static String profile(Broadcast b) {
        return BroadcastAudio.profile(b);
    }

    static PlayPriority playPriority(Broadcast b) {
        if (b.urgency.urgent()) {
            return PlayPriority.URGENT;
        }
        return b.severity == CapSeverity.EXTREME || b.severity == CapSeverity.SEVERE
                ? PlayPriority.WARNING
                : PlayPriority.ROUTINE;
    }
}
