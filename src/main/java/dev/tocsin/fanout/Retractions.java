package dev.tocsin.fanout;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastChanged;
import dev.tocsin.broadcast.BroadcastConfig;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.SmsTexts;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDispatch;
import dev.tocsin.sms.SmsDispatchRequest;
import dev.tocsin.sms.SmsDispatchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Sends retractions for cancelled occurrences that had reached someone (marked PENDING by
 * {@link Withdrawal} in the cancel's transaction): an SMS marked 撤回 / "Retraction" to every
 * resident whose SMS was handed to the provider, and a short spoken retraction to every terminal
 * that started or played it. Started at once after the cancel commits, and again every
 * {@code delivery-check} until nothing of the original is in flight any more (an SMS in flight at
 * the cancel may still be accepted), then DONE. Both sends are idempotent per reference
 * ({@code occ-<id>-retract}), so re-runs and several instances add only who is missing.
 */
@ApplicationScoped
public class Retractions {

    private static final Logger LOG = Logger.getLogger(Retractions.class);
    private static final String SYSTEM = "system:retraction";
    private static final int AUDIENCE_READ_TIMEOUT_SECONDS = 3600;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "broadcast-retraction");
        t.setDaemon(true);
        return t;
    });
    private final SmsTexts smsTexts;
    private final FollowUpTexts texts;
    private final SmsDispatchService sms;
    private final PlayService plays;
    private final AudioService audio;
    private final AuditLog audit;
    private final SchemaMigrator migrator;
    private final BroadcastConfig config;
    private final EntityManager em;
    private final Clock clock;
    private final MeterRegistry metrics;

    Retractions(
            SmsTexts smsTexts,
            FollowUpTexts texts,
            SmsDispatchService sms,
            PlayService plays,
            AudioService audio,
            AuditLog audit,
            SchemaMigrator migrator,
            BroadcastConfig config,
            EntityManager em,
            Clock clock,
            MeterRegistry metrics) {
        this.smsTexts = smsTexts;
        this.texts = texts;
        this.sms = sms;
        this.plays = plays;
        this.audio = audio;
        this.audit = audit;
        this.migrator = migrator;
        this.config = config;
        this.em = em;
        this.clock = clock;
        this.metrics = metrics;
    }

    static String ref(Occurrence o) {
        return o.ref() + "-retract";
    }

    void onCancel(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastChanged change) {
        if (change.change() == BroadcastChanged.Change.CANCELLED) {
            runner.execute(this::runPending);
        }
    }

    @Scheduled(
            every = "${tocsin.broadcast.delivery-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "broadcast-retractions")
    void scheduled() {
        if (migrator.isReady()) {
            runPending();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /** Works on every occurrence whose retraction is pending; returns how many it finished. */
    public synchronized int runPending() {
        List<Long> pending = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select o.id from Occurrence o where o.retraction = :pending order by o.id", Long.class)
                        .setParameter("pending", Withdrawal.RETRACTION_PENDING)
                        .setMaxResults(100)
                        .getResultList());
        int done = 0;
        for (Long id : pending) {
            try {
                if (retract(id)) {
                    done++;
                }
            } catch (RuntimeException e) {
                // Left PENDING: the next round tries again.
                LOG.warnf(e, "Retraction of occurrence %d failed; it is tried again: %s", id, e.getMessage());
            }
        }
        return done;
    }

    /**
     * @param settled nothing of the original was in flight when the work was read. Read before the
     *     audience: an SMS that turns SENT between reading who was reached and checking what is in
     *     flight would otherwise be missed and the retraction still marked DONE.
     */
    private record Work(
            Occurrence occurrence, Broadcast broadcast, Long dispatchId, Map<String, String> frozen, boolean settled) {}

    private boolean retract(long occurrenceId) {
        Work w = QuarkusTransaction.requiringNew().call(() -> {
            Occurrence o = Occurrence.findById(occurrenceId);
            if (o == null || !Withdrawal.RETRACTION_PENDING.equals(o.retraction)) {
                return null;
            }
            Broadcast b = Broadcast.findById(o.broadcastId);
            Long dispatchId =
                    SmsDispatch.findByExternalRef(o.ref()).map(d -> d.id).orElse(null);
            return new Work(o, b, dispatchId, smsTexts.bodies(b), inFlight(dispatchId, o) == 0);
        });
        if (w == null) {
            return false;
        }
        Occurrence o = w.occurrence();
        Broadcast b = w.broadcast();
        Instant now = clock.instant();
        int smsQueued = w.dispatchId() == null ? 0 : retractSms(w, now);
        Spoken speaker = retractPlays(o, b, now);
        return QuarkusTransaction.requiringNew().call(() -> finish(occurrenceId, w.settled(), smsQueued, speaker));
    }

    /** @param failure set when the spoken retraction could not be scheduled */
    private record Spoken(String outcome, String failure) {}

    private int retractSms(Work w, Instant now) {
        Broadcast b = w.broadcast();
        Map<String, String> bodies = texts.retractions(w.frozen());
        String body = texts.retraction(b.language, b.smsText);
        var result = QuarkusTransaction.requiringNew()
                .timeout(AUDIENCE_READ_TIMEOUT_SECONDS)
                .call(() -> {
                    // Everyone whose SMS the provider accepted; a resident since deleted keeps their number's row.
                    try (Stream<Object[]> rows = em.createQuery(
                                    "select d.residentId, d.phone, r.language from SmsDelivery d "
                                            + "left join Resident r on r.id = d.residentId where d.dispatchId = :dispatch and d.state in :reached "
                                            + "order by d.id",
                                    Object[].class)
                            .setParameter("dispatch", w.dispatchId())
                            .setParameter("reached", List.of(DeliveryState.SENT, DeliveryState.DELIVERED))
                            .getResultStream()) {
                        Stream<Recipient> recipients = rows.map(r ->
                                new Recipient((Long) r[0], (String) r[1], r[2] == null ? b.language : (String) r[2]));
                        return sms.dispatch(
                                new SmsDispatchRequest(
                                        ref(w.occurrence()),
                                        body,
                                        bodies,
                                        // A retraction is never held for quiet hours: it corrects what people
                                        // already read, and only those the notice reached get it.
                                        Urgency.URGENT,
                                        now.plus(config.smsValidity()),
                                        "broadcast:" + b.id),
                                recipients);
                    }
                });
        return result.queued();
    }

    /** Schedules the spoken retraction on terminals that started or played the notice; null when none did. */
    private Spoken retractPlays(Occurrence o, Broadcast b, Instant now) {
        List<Long> terminals = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery(
                                "select p.terminalId from Play p where p.occurrenceRef = :ref and p.state in :played",
                                Long.class)
                        .setParameter("ref", o.ref())
                        .setParameter("played", List.of(PlayState.STARTED, PlayState.COMPLETED))
                        .getResultList());
        if (terminals.isEmpty()) {
            return null;
        }
        try {
            String key = audio.preview(AudioService.Request.composed(
                            FollowUpTexts.spokenRetraction(b.language), OccurrenceFirer.profile(b), b.urgency.id()))
                    .programme()
                    .key();
            int created = QuarkusTransaction.requiringNew()
                    .call(() -> plays.schedule(
                            new PlayService.PlayRequest(
                                    ref(o), key, OccurrenceFirer.playPriority(b), now, now.plus(config.playWindow())),
                            terminals.stream()));
            return new Spoken("loudspeaker: " + created + " retraction plays", null);
        } catch (RuntimeException e) {
            String why = e instanceof dev.tocsin.platform.problem.ProblemException p
                    ? p.problem().detail()
                    : e.toString();
            LOG.warnf(
                    "Broadcast %d occurrence %d: channel loudspeaker FAILED, spoken retraction not scheduled: %s",
                    b.id, o.id, why);
            metrics.counter("tocsin.broadcast.channel.failures", "channel", "loudspeaker")
                    .increment();
            return new Spoken("loudspeaker: retraction not scheduled", "loudspeaker retraction: " + why);
        }
    }

    /** SMS of the original still queued or being sent, plus plays still playing. */
    private long inFlight(Long dispatchId, Occurrence o) {
        long sending = dispatchId == null
                ? 0
                : em.createQuery(
                                "select count(d) from SmsDelivery d "
                                        + "where d.dispatchId = :dispatch and d.state in :open",
                                Long.class)
                        .setParameter("dispatch", dispatchId)
                        .setParameter("open", List.of(DeliveryState.QUEUED, DeliveryState.SENDING))
                        .getSingleResult();
        return sending + Play.count("occurrenceRef = ?1 and state = ?2", o.ref(), PlayState.STARTED);
    }

    private boolean finish(long occurrenceId, boolean settled, int smsQueued, Spoken speaker) {
        Occurrence o = Occurrence.findById(occurrenceId);
        String detail = "occurrence " + occurrenceId + ": retraction " + smsQueued + " SMS queued"
                + (speaker == null ? "" : ", " + speaker.outcome());
        if (speaker != null && speaker.failure() != null) {
            String f = o.failure == null ? speaker.failure() : o.failure + "; " + speaker.failure();
            o.failure = f.length() > 1000 ? f.substring(0, 1000) : f;
        }
        if (smsQueued > 0 || speaker != null) {
            audit.record(SYSTEM, "occurrence.retraction", "broadcast:" + o.broadcastId, detail);
        }
        if (!settled) {
            return false; // an SMS accepted or a play finished later still gets its retraction next round
        }
        o.retraction = Withdrawal.RETRACTION_DONE;
        audit.record(
                SYSTEM,
                "occurrence.retracted",
                "broadcast:" + o.broadcastId,
                "occurrence " + occurrenceId + ": everyone it reached has been sent the retraction");
        return true;
    }
}
