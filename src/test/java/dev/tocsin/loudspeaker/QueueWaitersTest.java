package dev.tocsin.loudspeaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Waiting on a terminal's signal with the application's own (Vert.x) timers. */
@QuarkusTest
class QueueWaitersTest {

    @Inject
    QueueWaiters waiters;

    @Inject
    io.vertx.core.Vertx vertx;

    /** Subscribes on an event loop, as the long-poll endpoint does, and waits for the answer. */
    private Boolean awaitOnEventLoop(CompletableFuture<Boolean> signal, Duration timeout) throws Exception {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        vertx.getOrCreateContext()
                .runOnContext(v -> waiters.await(signal, timeout)
                        .subscribe()
                        .with(answer::complete, answer::completeExceptionally));
        return answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aWaitShorterThanAMillisecondTimesOutInsteadOfHanging() throws Exception {
        for (long nanos : new long[] {1, 250_000, 999_999, 5_000_000}) {
            assertThat(awaitOnEventLoop(new CompletableFuture<>(), Duration.ofNanos(nanos)))
                    .as("wait of %d ns", nanos)
                    .isFalse();
        }
    }

    @Test
    void aSignalCompletedBeforeTheWaitWakesIt() throws Exception {
        CompletableFuture<Boolean> signal = new CompletableFuture<>();
        signal.complete(true);
        assertThat(awaitOnEventLoop(signal, Duration.ofSeconds(30))).isTrue();
    }
}
