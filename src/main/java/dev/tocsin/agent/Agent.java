package dev.tocsin.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A loudspeaker terminal: four threads sharing the on-disk state.
 *
 * <ul>
 *   <li>poll: long-polls the queue, keeps the newest answer and the clock offset;
 *   <li>play: plays the highest-priority play whose window is open (server time = local time +
 *       offset), from the cache, so it goes on playing what it holds while the network is down;
 *       a higher-priority play whose window opens interrupts the one playing;
 *   <li>report: delivers the report journal, oldest first, retrying until the server answers;
 *   <li>heartbeat: volume, amplifier state, free storage and the clock offset.
 * </ul>
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final int CHUNK_MS = 50;

    /** How the agent waits before retrying; tests pass simulated time. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final AgentConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DeviceClient client;
    private final AgentState state;
    private final AudioCache cache;
    private final ReportJournal journal;
    private final AmplifierPower power;
    private final Object changed = new Object();
    private final Object reportsWaiting = new Object();
    private final List<Thread> threads;
    private volatile boolean running = true;
    private volatile String lastError;

    public Agent(AgentConfig config, Clock clock) throws IOException {
        this(config, clock, d -> Thread.sleep(d.toMillis()));
    }

    public Agent(AgentConfig config, Clock clock, Sleeper sleeper) throws IOException {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.client = new DeviceClient(config.serviceUrl(), config.token());
        Path dir = config.stateDir();
        this.state = new AgentState(java.nio.file.Files.createDirectories(dir).resolve("state.json"));
        this.cache = new AudioCache(dir.resolve("audio"), client);
        this.journal = new ReportJournal(dir.resolve("reports"));
        this.power = new AmplifierPower(config.powerOn(), config.powerOff(), config.powerWarmUp());
        this.threads = List.of(
                new Thread(this::pollLoop, "agent-poll"),
                new Thread(this::playLoop, "agent-play"),
                new Thread(this::reportLoop, "agent-report"),
                new Thread(this::heartbeatLoop, "agent-heartbeat"));
    }

    public Agent start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Reports not yet delivered to the server. */
    public int pendingReports() throws IOException {
        return journal.pending();
    }

    @Override
    public void close() throws IOException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Instant serverNow() {
        return clock.instant().plusMillis(state.offsetMs());
    }

    // --- poll ------------------------------------------------------------------------------------

    private void pollLoop() {
        Backoff backoff = new Backoff();
        String etag = null;
        while (running) {
            try {
                Optional<DeviceClient.QueueAnswer> answer = client.queue(etag, config.pollWait());
                Instant local = clock.instant();
                backoff.reset();
                if (answer.isPresent()) {
                    DeviceClient.QueueAnswer a = answer.get();
                    state.offsetMs(Duration.between(local, a.serverTime()).toMillis());
                    state.queue(a);
                    etag = a.etag() == null ? null : "\"" + a.etag().replace("\"", "") + "\"";
                    wake();
                    prefetch(a.plays());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                trouble("queue", e);
                if (!backoff.sleep()) {
                    return;
                }
            }
        }
    }

    /** Downloads ahead, so a play whose window opens later is on disk before the network may go. */
    private void prefetch(List<QueuedPlay> plays) throws InterruptedException {
        for (QueuedPlay p : plays) {
            if (!cache.has(p.audioKey()) && !state.finished(p.playId())) {
                try {
                    cache.fetch(p);
                } catch (IOException e) {
                    trouble("download of play " + p.playId(), e);
                }
            }
        }
    }

    private void wake() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    // --- play ------------------------------------------------------------------------------------

    private Optional<QueuedPlay> next() {
        DeviceClient.QueueAnswer q = state.queue();
        if (q == null) {
            return Optional.empty();
        }
        Instant now = serverNow();
        return q.plays().stream()
                .filter(p -> !state.finished(p.playId()))
                .filter(p -> "pending".equals(p.state()) || "started".equals(p.state()))
                .filter(p -> p.windowOpenAt(now))
                .min(Comparator.comparing(QueuedPlay::priority)
                        .reversed()
                        .thenComparing(QueuedPlay::notBefore)
                        .thenComparing(QueuedPlay::playId));
    }

    private void playLoop() {
        try {
            while (running) {
                Optional<QueuedPlay> next = next();
                if (next.isEmpty()) {
                    power.off();
                    synchronized (changed) {
                        changed.wait(500); // windows open with time, not only with new answers
                    }
                    continue;
                }
                try {
                    play(next.get());
                } catch (IOException e) {
                    trouble("play " + next.get().playId(), e);
                    Thread.sleep(2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                power.off();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void play(QueuedPlay play) throws IOException, InterruptedException {
        Mp3Pcm audio = Mp3Pcm.decode(cache.fetch(play)).atVolume(config.volume());
        power.on();
        if (!play.windowOpenAt(serverNow())) {
            return; // the warm-up outlasted the window: never start after notAfter
        }
        report(play.playId(), "started", null);
        LOG.info("playing " + play.playId() + " (" + play.priority().name().toLowerCase() + ")");
        String stoppedBecause = null;
        try (AudioSink sink = AudioSink.open(config.audioDevice(), play.playId(), audio)) {
            int chunk = audio.sampleRate() * audio.frameBytes() * CHUNK_MS / 1000;
            for (int at = 0; at < audio.pcm().length; at += chunk) {
                stoppedBecause = interruption(play);
                if (stoppedBecause != null || !running) {
                    sink.stop();
                    break;
                }
                sink.write(audio.pcm(), at, Math.min(chunk, audio.pcm().length - at));
            }
            if (stoppedBecause == null && running) {
                sink.drain();
            }
        }
        if (!running) {
            return; // shutting down mid-play: a restart plays it again while its window is open
        }
        if (stoppedBecause == null) {
            report(play.playId(), "completed", null);
        } else if (!stoppedBecause.isEmpty()) {
            report(play.playId(), "skipped", stoppedBecause);
        }
        state.finish(play.playId());
    }

    /**
     * Why the play must stop now: "preempted by play N" when a higher-priority play's window is
     * open, "" when the server no longer lists it (cancelled: nothing to report), else null.
     */
    private String interruption(QueuedPlay playing) {
        DeviceClient.QueueAnswer q = state.queue();
        if (q.plays().stream().noneMatch(p -> p.playId() == playing.playId())) {
            return "";
        }
        Instant now = serverNow();
        return q.plays().stream()
                .filter(p -> p.priority().compareTo(playing.priority()) > 0 && !state.finished(p.playId()))
                .filter(p -> p.windowOpenAt(now))
                .findFirst()
                .map(p -> "preempted by play " + p.playId())
                .orElse(null);
    }

    private void report(long playId, String status, String reason) throws IOException {
        journal.add(new Report(playId, status, clock.instant(), reason));
        synchronized (reportsWaiting) {
            reportsWaiting.notifyAll();
        }
    }

    // --- report ----------------------------------------------------------------------------------

    private void reportLoop() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                journal.deliver(client::report);
                backoff.reset();
                synchronized (reportsWaiting) {
                    if (journal.pending() == 0) {
                        reportsWaiting.wait(5000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                trouble("reports", e);
                if (!backoff.sleep()) {
                    return;
                }
            }
        }
    }

    // --- heartbeat -------------------------------------------------------------------------------

    private void heartbeatLoop() {
        while (running) {
            try {
                Instant local = clock.instant();
                Instant server = client.heartbeat(
                        config.volume(),
                        power.ok(),
                        power.lastError() != null ? power.lastError() : lastError,
                        cache.freeBytes(),
                        -state.offsetMs(),
                        local);
                state.offsetMs(Duration.between(local, server).toMillis());
            } catch (IOException e) {
                trouble("heartbeat", e);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(config.heartbeatEvery().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void trouble(String what, Exception e) {
        lastError = what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        LOG.log(Level.WARNING, lastError);
    }

    /** 1, 2, 4 ... 60 s with jitter, as docs/TERMINALS.md recommends. */
    private final class Backoff {
        private long seconds = 1;

        void reset() {
            seconds = 1;
        }

        boolean sleep() {
            long ms = seconds * 1000 / 2 + ThreadLocalRandom.current().nextLong(seconds * 1000 / 2 + 1);
            seconds = Math.min(60, seconds * 2);
            try {
                sleeper.sleep(Duration.ofMillis(ms));
                return running;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }
}
