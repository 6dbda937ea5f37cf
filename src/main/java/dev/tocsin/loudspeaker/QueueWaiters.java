package dev.tocsin.loudspeaker;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process wake-ups for long-polling terminals. A poll takes the terminal's current signal
 * BEFORE reading its queue, then waits on it; a change committed in between has already
 * completed that signal, so no wake-up is lost. Waiting holds no thread: it is a Uni on a future.
 */
@ApplicationScoped
public class QueueWaiters {

    /** The shortest wait Vert.x timers accept. */
    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final ConcurrentMap<Long, CompletableFuture<Boolean>> signals = new ConcurrentHashMap<>();
    private final QueueSnapshots snapshots;

    QueueWaiters(QueueSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** The signal a poll for this terminal waits on; completes at the next change. */
    public CompletableFuture<Boolean> signal(Long terminalId) {
        return signals.computeIfAbsent(terminalId, id -> new CompletableFuture<>());
    }

    /** Emits true when woken, false when {@code timeout} passed first. */
    public Uni<Boolean> await(CompletableFuture<Boolean> signal, Duration timeout) {
        // Vert.x timers refuse delays under 1 ms, and a poll near its deadline asks for one: the
        // wait then never ended and the terminal's request hung.
        Duration wait = timeout.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : timeout;
        // A copy: the timeout cancels what it waits on, and the signal is shared by other polls.
        return Uni.createFrom()
                .completionStage(signal.copy())
                .ifNoItem()
                .after(wait)
                .recoverWithItem(false);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlaysChanged change) {
        changed(change.terminalIds());
    }

    /** These terminals' plays changed: drop their snapshots, then wake their waiting polls. */
    public void changed(java.util.Collection<Long> terminalIds) {
        // Snapshots first: a woken poll must read the new queue, not the one it waited on.
        snapshots.invalidate(terminalIds);
        terminalIds.forEach(this::wake);
    }

    public void wake(Long terminalId) {
        CompletableFuture<Boolean> f = signals.remove(terminalId);
        if (f != null) {
            f.complete(true);
        }
    }
}
