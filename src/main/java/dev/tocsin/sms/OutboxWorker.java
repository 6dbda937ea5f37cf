package dev.tocsin.sms;

import dev.tocsin.platform.db.SchemaReady;
import dev.tocsin.sms.OutboxStore.LookupFailed;
import dev.tocsin.sms.OutboxStore.NotSent;
import dev.tocsin.sms.OutboxStore.Outcome;
import dev.tocsin.sms.OutboxStore.Released;
import dev.tocsin.sms.OutboxStore.Sent;
import dev.tocsin.sms.OutboxStore.Work;
import dev.tocsin.sms.SmsGateway.Accepted;
import dev.tocsin.sms.SmsGateway.FailureKind;
import dev.tocsin.sms.SmsGateway.ProviderMessage;
import dev.tocsin.sms.SmsGateway.Refused;
import dev.tocsin.sms.SmsGateway.SendResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Drains the outbox: a scheduler tick keeps up to N worker threads busy; each claims a batch
 * (SKIP LOCKED + lease), sends it outside any transaction, and records the outcomes in one
 * transaction. Rows whose outcome is unknown are looked up at the provider before any resend.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private final OutboxStore store;
    private final SmsGateway gateway;
    private final SegmentThrottle throttle;
    private final StatusService statuses;
    private final DispatchHalts halts;
    private final SmsConfig config;
    private final Clock clock;
    private final String owner;
    /** Numbers the claims of this instance: each claim is held under its own lease owner. */
    private final AtomicLong claims = new AtomicLong();
    /** Worker numbers in use (1..workers, more while drills drain on their own threads). */
    private final BitSet slots = new BitSet();

    private final AtomicInteger active = new AtomicInteger();
    private final ExecutorService executor;
    /** Provider calls; a worker paces its batch through the throttle and hands each send here. */
    private final ExecutorService calls;

    private final Semaphore inFlight;
    /** Awaits a batch's calls and records its outcomes while its worker goes on with the next batch. */
    private final ExecutorService recorders;

    private volatile boolean stopping;
    private volatile boolean schemaReady;

    OutboxWorker(
            OutboxStore store,
            SmsGateway gateway,
            SegmentThrottle throttle,
            StatusService statuses,
            DispatchHalts halts,
            SmsConfig config,
            Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.throttle = throttle;
        this.statuses = statuses;
        this.halts = halts;
        this.config = config;
        this.clock = clock;
        this.owner = config.outbox().instanceId().orElseGet(OutboxWorker::defaultInstanceId);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.outbox().workers()), r -> {
            Thread t = new Thread(r, "sms-outbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int maxInFlight = Math.max(1, config.outbox().maxInFlight());
        AtomicInteger c = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "sms-call-" + c.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(maxInFlight);
        AtomicInteger rc = new AtomicInteger();
        this.recorders =
                Executors.newFixedThreadPool(Math.max(1, config.outbox().workers()) * 2, r -> {
                    Thread t = new Thread(r, "sms-record-" + rc.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        schemaReady = true;
    }

    /** This instance's id: the part of every lease owner before the first '/'. */
    public String owner() {
        return owner;
    }

    /**
     * The lease owner for one claim by worker {@code worker}: {@code <instance>/w<n>.<claim>}.
     * Outcomes are recorded only while the row is still held under the owner of the claim that
     * sent it, so a worker whose lease ran out is recorded {@code lease-lost} even when another
     * worker of this instance (or its own next claim) took the row over. At most 64 characters
     * (the column): a long instance id keeps its tail, as the default id does.
     */
    String claimOwner(int worker) {
        String suffix = "/w" + worker + "." + claims.incrementAndGet();
        String instance =
                owner.length() + suffix.length() <= 64 ? owner : owner.substring(owner.length() + suffix.length() - 64);
        return instance + suffix;
    }

    private synchronized int takeSlot() {
        int n = slots.nextClearBit(1);
        slots.set(n);
        return n;
    }

    private synchronized void releaseSlot(int n) {
        slots.clear(n);
    }

    @Scheduled(
            every = "${tocsin.sms.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.outbox().enabled() || stopping || !schemaReady) {
            return;
        }
        int workers = config.outbox().workers();
        for (int a = active.get(); a < workers; a = active.get()) {
            if (active.compareAndSet(a, a + 1)) {
                executor.execute(this::drain);
            }
        }
    }

    @Scheduled(
            every = "${tocsin.sms.outbox.status-sweep:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepStatuses() {
        if (config.outbox().enabled() && schemaReady && !stopping) {
            statuses.sweep();
        }
    }

    /** Drains the outbox on the calling thread until nothing is due (drills and tests). */
    void drainNow() {
        active.incrementAndGet();
        drain();
    }

    /**
     * Claims, paces and records batch after batch. The outcomes of a batch are awaited and recorded
     * in the background while the worker claims and paces the next one (at most one batch behind),
     * so workers that finish their batches together do not all stop the throttled flow to record.
     */
    private void drain() {
        CompletableFuture<Void> recording = CompletableFuture.completedFuture(null);
        int slot = takeSlot();
        try {
            int size = OutboxStore.claimSize(
                    config.outbox().batchSize(),
                    throttle.ratePerSecond(),
                    config.outbox().lease(),
                    config.outbox().workers());
            while (!stopping) {
                String claimer = claimOwner(slot);
                List<Work> batch = withRetry(() -> store.claim(claimer, size));
                if (batch.isEmpty()) {
                    return;
                }
                List<Future<Outcome>> sends = start(batch);
                CompletableFuture<Void> previous = recording;
                // If recording fails for good (database gone, process killed) the leases expire and
                // the rows are reconciled with the provider by whoever claims them next.
                recording = CompletableFuture.runAsync(
                        () -> {
                            List<Outcome> outcomes = collect(batch, sends);
                            withRetry(() -> {
                                store.record(claimer, outcomes);
                                return null;
                            });
                        },
                        recorders);
                previous.join();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "SMS outbox worker stopped early: %s", e.getMessage());
        } finally {
            try {
                recording.join();
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "SMS outbox outcomes not recorded (the rows are reconciled after their lease): %s",
                        e.getMessage());
            }
            releaseSlot(slot);
            active.decrementAndGet();
        }
    }

    /** Lock conflicts between concurrent claims, records and bulk inserts are retried a few times. */
    private static <T> T withRetry(java.util.function.Supplier<T> tx) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.get();
            } catch (RuntimeException e) {
                if (attempt >= 4) {
                    throw e;
                }
                LOG.debugf("SMS outbox transaction retried after: %s", e.getMessage());
                try {
                    Thread.sleep(20L * attempt
                            + java.util.concurrent.ThreadLocalRandom.current().nextLong(50));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Starts a claimed batch: rows are paced through the throttle one by one on this thread and each
     * call runs on the call pool, so the achieved rate is the throttle's even when a call takes
     * longer than the spacing between messages (previously the worker count capped it: 8 workers
     * at 300 ms a call cannot exceed 27 messages/s whatever the configured rate).
     */
    private List<Future<Outcome>> start(List<Work> batch) {
        List<Future<Outcome>> pending = new ArrayList<>(batch.size());
        Duration callTime = callTime();
        for (Work w : batch) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                pending.add(CompletableFuture.completedFuture(new Released(w.id())));
                continue;
            }
            try {
                var withdrawn = halts.withdrawn(w.dispatch().id());
                if (withdrawn.isPresent()) {
                    // Its broadcast was cancelled: not paced, not sent.
                    pending.add(CompletableFuture.completedFuture(new OutboxStore.Withdrawn(w.id(), withdrawn.get())));
                    continue;
                }
                if (w.reconcile()) {
                    // Rare (after a crash or an unknown outcome): looked up and, if need be, sent here.
                    pending.add(CompletableFuture.completedFuture(guarded(w, () -> one(w, callTime))));
                    continue;
                }
                inFlight.acquire();
                boolean handedOff = false;
                try {
                    if (!pace(w, callTime)) {
                        pending.add(CompletableFuture.completedFuture(new Released(w.id())));
                        continue;
                    }
                    pending.add(calls.submit(() -> {
                        try {
                            // The lease is checked again on the call thread, right before the request:
                            // a stall since pacing must not start a send another worker may already
                            // be reconciling.
                            return guarded(w, () -> sendChecked(w, null, callTime));
                        } finally {
                            inFlight.release();
                        }
                    }));
                    handedOff = true;
                } finally {
                    if (!handedOff) {
                        inFlight.release();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.add(CompletableFuture.completedFuture(new Released(w.id())));
            } catch (RejectedExecutionException e) {
                pending.add(CompletableFuture.completedFuture(new Released(w.id())));
            }
        }
        return pending;
    }

    private List<Outcome> collect(List<Work> batch, List<Future<Outcome>> pending) {
        List<Outcome> out = new ArrayList<>(batch.size());
        for (int i = 0; i < pending.size(); i++) {
            out.add(await(pending.get(i), batch.get(i)));
        }
        return out;
    }

    private interface Step {
        Outcome run() throws InterruptedException;
    }

    /** One bad row never stops the rest; an unexpected error leaves its outcome unknown, so it is reconciled. */
    private Outcome guarded(Work w, Step step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Released(w.id());
        } catch (RuntimeException e) {
            return new NotSent(
                    w.id(),
                    Refused.of(
                            FailureKind.UNCERTAIN,
                            null,
                            null,
                            "unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage()),
                    false);
        }
    }

    private Outcome await(Future<Outcome> f, Work w) {
        // Calls already started must be recorded, or their rows would be reconciled needlessly.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return new NotSent(
                            w.id(),
                            Refused.of(FailureKind.UNCERTAIN, null, null, "unexpected error: " + e.getCause()),
                            false);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends a claimed batch and waits for its outcomes (drills and tests drive a claim by hand). */
    List<Outcome> sendClaimed(List<Work> batch) {
        return collect(batch, start(batch));
    }

    /**
     * A row that may already be at the provider (a takeover, or an earlier outcome unknown): looked
     * up first, and sent only if it is not there.
     */
    private Outcome one(Work w, Duration callTime) throws InterruptedException {
        if (!fits(w, callTime.multipliedBy(3))) {
            return new Released(w.id());
        }
        Lookup look = lookUp(w);
        if (look.settled() != null) {
            return look.settled();
        }
        if (clock.instant().isAfter(w.dispatch().validUntil())) {
            return new NotSent(
                    w.id(),
                    Refused.of(
                            FailureKind.PERMANENT,
                            null,
                            null,
                            "validity deadline passed; not found at the provider, not sent again"),
                    true);
        }
        if (!pace(w, callTime)) {
            return new Released(w.id());
        }
        return sendChecked(w, look, callTime);
    }

    /**
     * What a provider lookup found for a row: {@code settled} is the outcome when it decided the
     * row (found there: reconciled; the provider could not be asked), null when the message is not
     * at the provider. {@code at} is when the question was asked, so the answer is no older.
     */
    record Lookup(Instant at, Outcome settled) {}

    /** Asks the provider whether the row's message is already there under a SID no other row owns. */
    Lookup lookUp(Work w) {
        Instant at = clock.instant();
        List<ProviderMessage> found;
        try {
            Instant since = w.createdAt().minus(config.outbox().reconcileSkew());
            found = gateway.sentTo(w.phone(), since).stream()
                    .filter(m -> w.body().equals(m.body()))
                    .toList();
        } catch (RuntimeException e) {
            return new Lookup(at, new LookupFailed(w.id(), e.getMessage()));
        }
        Set<String> free =
                store.unowned(found.stream().map(ProviderMessage::sid).collect(Collectors.toList()));
        for (ProviderMessage m : found) {
            if (free.contains(m.sid())) {
                return new Lookup(at, new Sent(w.id(), m.sid(), true, false));
            }
        }
        return new Lookup(at, null);
    }

    /**
     * How old a "not at the provider" answer may be when the send it allows starts: the reconcile
     * delay (at least 1 s). A copy sent late by a worker that lost the row can arrive after the
     * lookup; an older answer is asked again instead of trusted.
     */
    Duration lookupMaxAge() {
        Duration delay = config.outbox().reconcileDelay();
        return delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay;
    }

    /**
     * The last checks before the provider call, each as late as it can be: the dispatch not
     * withdrawn; after a lookup miss, the miss no older than {@link #lookupMaxAge} (else the
     * provider is asked again, and a row whose second answer is also too old by now is released
     * for a later claim); and the call still fitting inside the lease.
     */
    Outcome sendChecked(Work w, Lookup miss, Duration callTime) {
        var withdrawn = halts.withdrawn(w.dispatch().id());
        if (withdrawn.isPresent()) {
            return new OutboxStore.Withdrawn(w.id(), withdrawn.get());
        }
        if (miss != null) {
            Duration age = Duration.between(miss.at(), clock.instant());
            if (age.compareTo(lookupMaxAge()) > 0) {
                store.note(
                        w.id(),
                        "lookup-stale",
                        "provider lookup " + age.toMillis() + " ms old at send time (bound "
                                + lookupMaxAge().toMillis() + " ms); asked again");
                Lookup again = lookUp(w);
                if (again.settled() != null) {
                    return again.settled();
                }
                if (Duration.between(again.at(), clock.instant()).compareTo(lookupMaxAge()) > 0) {
                    return new Released(w.id());
                }
            }
        }
        if (!fits(w, callTime)) {
            return new Released(w.id());
        }
        return send(w, miss != null);
    }

    /** Waits for throttle budget; takes it only if the call can still finish inside the lease afterwards. */
    private boolean pace(Work w, Duration callTime) throws InterruptedException {
        Duration room = Duration.between(clock.instant().plus(callTime), w.leaseUntil());
        return throttle.tryAcquire(w.dispatch().sender(), w.segments(), room) && fits(w, callTime);
    }

    private Outcome send(Work w, boolean missed) {
        Duration validity = Duration.between(clock.instant(), w.dispatch().validUntil());
        SendResult r = gateway.send(
                new SmsGateway.OutboundSms(w.phone(), w.body(), w.dispatch().priority(), validity));
        if (r instanceof Accepted a) {
            return new Sent(w.id(), a.sid(), false, missed);
        }
        Refused refused = (Refused) r;
        if (refused.retryAfter() != null) {
            throttle.pause(w.dispatch().sender(), refused.retryAfter());
        }
        return new NotSent(w.id(), refused, missed);
    }

    /** The longest a provider call can take: connect and read timeouts plus a second. */
    Duration callTime() {
        return config.http().connectTimeout().plus(config.http().readTimeout()).plusSeconds(1);
    }

    /** A call is only started if it can finish before the lease runs out. */
    private boolean fits(Work w, Duration callTime) {
        return !clock.instant().plus(callTime).isAfter(w.leaseUntil());
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        calls.shutdown();
        calls.awaitTermination(5, TimeUnit.SECONDS);
        recorders.shutdown();
        recorders.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
