package dev.tocsin.paging;

import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.loudspeaker.PagingKind;
import dev.tocsin.loudspeaker.PagingSecrets;
import dev.tocsin.loudspeaker.PlaysChanged;
import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sip.PageOutcome;
import dev.tocsin.sip.PageResult;
import dev.tocsin.sip.SipPager;
import dev.tocsin.sip.SipTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Delivers the plays of paged terminals: claims due ones, places the SIP call or sends the
 * multicast stream on a pool thread, and records the outcome. New plays wake it at once on the
 * instance that scheduled them; the poll finds those of other instances and retries.
 */
@ApplicationScoped
public class PagingJob {

    private static final Logger LOG = Logger.getLogger(PagingJob.class);

    private final PagingClaims claims;
    private final PagingConfig config;
    private final PagingSecrets secrets;
    private final SipPager pager;
    private final AudioService audio;
    private final SchemaMigrator schema;
    private final Clock clock;
    private final AtomicInteger inCall = new AtomicInteger();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Calls under way on this instance, with why they must stop once that is known. */
    private final Map<PagedCall, AtomicReference<String>> underWay = new ConcurrentHashMap<>();

    private final ExecutorService claimer = Executors.newSingleThreadExecutor(named("tocsin-paging-claim"));
    private final ExecutorService calls;

    PagingJob(
            PagingClaims claims,
            PagingConfig config,
            PagingSecrets secrets,
            SipPager pager,
            AudioService audio,
            SchemaMigrator schema,
            Clock clock) {
        this.claims = claims;
        this.config = config;
        this.secrets = secrets;
        this.pager = pager;
        this.audio = audio;
        this.schema = schema;
        this.clock = clock;
        this.calls = Executors.newFixedThreadPool(config.concurrency(), named("tocsin-paging-call"));
    }

    @Scheduled(every = "${tocsin.paging.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Stops calls whose play was withdrawn or is preempted by a more urgent one for the same speaker. */
    @Scheduled(every = "${tocsin.paging.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkUnderWay() {
        if (underWay.isEmpty() || !schema.isReady()) {
            return;
        }
        try {
            claims.interruptions(List.copyOf(underWay.keySet()))
                    .forEach((playId, why) -> underWay.forEach((call, stop) -> {
                        if (call.playId() == playId && stop.compareAndSet(null, why)) {
                            LOG.infof("Paging %s (play %d): stopping the call, %s", call.terminalCode(), playId, why);
                        }
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("Paging: could not check the calls under way: %s", e.toString());
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlaysChanged change) {
        wake();
    }

    void stop(@Observes ShutdownEvent ignored) {
        claimer.shutdownNow();
        calls.shutdownNow();
    }

    /** Runs one claim round on the claimer thread; several wakes before it runs make one round. */
    void wake() {
        if (schema.isReady() && wakeQueued.compareAndSet(false, true)) {
            claimer.execute(() -> {
                wakeQueued.set(false);
                dispatch();
            });
        }
    }

    private void dispatch() {
        int free = config.concurrency() - inCall.get();
        if (free <= 0) {
            return;
        }
        List<PagedCall> due;
        try {
            due = claims.claim(free);
        } catch (RuntimeException e) {
            LOG.warnf("Paging: could not claim due plays: %s", e.toString());
            return;
        }
        for (PagedCall call : due) {
            inCall.incrementAndGet();
            calls.execute(() -> {
                try {
                    deliver(call);
                } finally {
                    inCall.decrementAndGet();
                    wake();
                }
            });
        }
    }

    private void deliver(PagedCall call) {
        AtomicReference<String> stop = new AtomicReference<>();
        underWay.put(call, stop);
        PageResult result;
        try {
            result = place(call, () -> stop.get() != null);
        } catch (RuntimeException e) {
            LOG.warnf("Paging %s (play %d) failed: %s", call.terminalCode(), call.playId(), e.getMessage());
            result = failed(e.getMessage());
        } finally {
            underWay.remove(call);
        }
        try {
            claims.finish(call, result, stop.get());
        } catch (RuntimeException e) {
            // The play stays started and ends as missed when its window closes: never called twice.
            LOG.errorf(
                    "Paging %s (play %d): outcome %s not recorded: %s",
                    call.terminalCode(), call.playId(), result.outcome(), e.toString());
        }
        LOG.infof(
                "Paging %s (play %d, call %d): %s %s",
                call.terminalCode(),
                call.playId(),
                call.attempt(),
                result.outcome(),
                result.reason() == null ? "" : result.reason());
    }

    private PageResult place(PagedCall call, BooleanSupplier stop) {
        Optional<RenderedProgramme> programme = audio.find(call.audioKey());
        if (programme.isEmpty()) {
            return failed("the programme audio " + call.audioKey() + " is not in the audio store");
        }
        Pcm pcm = Wav.read(
                audio.read(call.audioKey(), AudioFormat.WAV, 0, programme.get().wavBytes() - 1));
        short[] samples = Wav.quantise(pcm.samples());
        if (call.kind() == PagingKind.MULTICAST) {
            String[] hostPort = call.multicastGroup().split(":");
            InetSocketAddress group = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            return pager.multicast(group, call.multicastTtl(), call.codec(), samples, pcm.sampleRate(), stop);
        }
        Optional<String> password = Optional.empty();
        if (call.sealedPassword() != null) {
            try {
                password = Optional.of(secrets.open(call.terminalCode(), call.sealedPassword()));
            } catch (IllegalStateException e) {
                return failed("the stored SIP password cannot be opened (was the paging key changed?); "
                        + "enter the password again");
            }
        }
        SipTarget target = new SipTarget(call.sipUri(), Optional.ofNullable(call.sipUsername()), password);
        return pager.page(target, samples, pcm.sampleRate(), stop);
    }

    private PageResult failed(String reason) {
        Instant now = clock.instant();
        return new PageResult(PageOutcome.FAILED, 0, reason, now, null, null, now, 0, null);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
