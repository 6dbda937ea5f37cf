package dev.tocsin.fanout;

import dev.tocsin.alert.Channel;
import dev.tocsin.audience.AudienceQuery;
import dev.tocsin.audience.AudienceService;
import dev.tocsin.audience.Recipient;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastAudio;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sms.SmsDispatchService;
import dev.tocsin.voice.ResidentCall;
import dev.tocsin.voice.ResidentCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The voice channel of a firing: residents who prefer a call are phoned instead of texted, and
 * when the same occurrence sends SMS, whoever the calls leave unreached is texted after all,
 * into the occurrence's own SMS dispatch (one row per resident there, so never twice).
 */
@ApplicationScoped
public class CallFanout {

    private static final Logger LOG = Logger.getLogger(CallFanout.class);
    private static final int AUDIENCE_READ_TIMEOUT_SECONDS = 3600;
    private static final int TEXT_BATCH = 100;

    private final AudienceService audience;
    private final BroadcastAudio broadcastAudio;
    private final ResidentCalls calls;
    private final SmsDispatchService sms;
    private final SmsRequests smsRequests;
    private final SchemaMigrator migrator;
    private final Clock clock;
    private final MeterRegistry metrics;

    CallFanout(
            AudienceService audience,
            BroadcastAudio broadcastAudio,
            ResidentCalls calls,
            SmsDispatchService sms,
            SmsRequests smsRequests,
            SchemaMigrator migrator,
            Clock clock,
            MeterRegistry metrics) {
        this.audience = audience;
        this.broadcastAudio = broadcastAudio;
        this.calls = calls;
        this.sms = sms;
        this.smsRequests = smsRequests;
        this.migrator = migrator;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The residents of the SMS audience who prefer a call (opt-out and consent rules as for SMS);
     * none unless the broadcast is urgent and sends voice. Read for every occurrence, so the SMS of
     * an occurrence with its own time leaves them out too.
     */
    List<Recipient> callers(Broadcast b, AudienceQuery query) {
        if (!b.sends(Channel.VOICE) || !b.urgency.urgent()) {
            return List.of();
        }
        AudienceQuery withOverride = BroadcastService.smsAudience(query, b, audience.optOutOverrideAllowed());
        return QuarkusTransaction.requiringNew()
                .timeout(AUDIENCE_READ_TIMEOUT_SECONDS)
                .call(() -> {
                    try (Stream<Recipient> s = audience.callers(withOverride)) {
                        return s.toList();
                    }
                });
    }

    /**
     * Queues a call to each caller, playing the broadcast's programme (rendered here if the
     * loudspeakers have not; without it the call says the SMS text). A routine broadcast never gets
     * here (refused when saved); should one, the channel is shown as failed. Returns the outcome line.
     */
    String queue(Occurrence o, Broadcast b, List<Recipient> callers, List<String> failures) {
        if (!b.urgency.urgent()) {
            failures.add("voice: calls are for urgent broadcasts only");
            metrics.counter("tocsin.broadcast.channel.failures", "channel", "voice")
                    .increment();
            return "voice: not placed (broadcast is not urgent)";
        }
        String key = o.audioKey;
        if (key == null && BroadcastAudio.hasAudio(b)) {
            try {
                key = broadcastAudio.programme(b).programme().key();
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Broadcast %d occurrence %d: no programme for voice calls, they say the SMS text: %s",
                        b.id, o.id, e.toString());
            }
        }
        boolean textIfUnreached = b.sends(Channel.SMS) && o.covers(Channel.SMS);
        int queued = calls.queue(b.id, o.id, key, callers, textIfUnreached);
        return "voice: " + queued + " calls queued";
    }

    @Scheduled(
            every = "${tocsin.voice.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "unreached-callers-texted")
    void scheduled() {
        if (migrator.isReady()) {
            textUnreached();
        }
    }

    /**
     * Texts the residents whose calls all went unanswered, when their occurrence sends SMS: the
     * rows are locked while their texts are added to the occurrence's dispatch and marked sent in
     * the same transaction, so a crash in between adds them again and the dispatch keeps one each.
     * Returns how many were texted.
     */
    public int textUnreached() {
        int texted = 0;
        while (true) {
            int[] round = QuarkusTransaction.requiringNew().call(this::textRound);
            texted += round[1];
            if (round[0] < TEXT_BATCH) {
                return texted;
            }
        }
    }

    /** One batch: {rows taken, residents texted}. */
    private int[] textRound() {
        List<ResidentCall> due = calls.textsDue(TEXT_BATCH);
        Map<Long, List<ResidentCall>> byOccurrence = new LinkedHashMap<>();
        for (ResidentCall c : due) {
            byOccurrence.computeIfAbsent(c.occurrenceId, k -> new ArrayList<>()).add(c);
        }
        int texted = 0;
        for (Map.Entry<Long, List<ResidentCall>> e : byOccurrence.entrySet()) {
            Occurrence o = Occurrence.findById(e.getKey());
            Broadcast b = Broadcast.findById(o.broadcastId);
            List<Recipient> recipients = e.getValue().stream()
                    .map(c -> new Recipient(c.residentId, c.phone, c.language))
                    .toList();
            var result = sms.dispatch(smsRequests.of(o, b, clock.instant()), recipients.stream());
            int added = result.queued() + result.held() + result.suppressed() + result.alreadyQueued();
            calls.texted(e.getValue().stream().map(c -> c.id).toList(), added > 0);
            texted += added > 0 ? recipients.size() : 0;
            LOG.infof(
                    "Occurrence %d: %d residents unreached by call, texted (%d queued, %d already)",
                    o.id, recipients.size(), result.queued(), result.alreadyQueued());
        }
        return new int[] {due.size(), texted};
    }
}
