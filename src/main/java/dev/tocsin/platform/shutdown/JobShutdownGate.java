package dev.tocsin.platform.shutdown;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.spi.JobInstrumenter;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stops the scheduled jobs before the persistence layer closes. Quarkus closes Hibernate, Agroal
 * and the transaction manager when the container shuts down, after the {@link ShutdownEvent}; a job
 * still running then (the firer, the outbox sweep...) fails with "EntityManagerFactory is closed"
 * and narayana's "Error Occurred After Shutdown". Every job execution passes through this gate (the
 * scheduler's {@link JobInstrumenter} hook, enabled by quarkus.scheduler.tracing.enabled): on
 * shutdown, first of all observers, it lets no new execution start, pauses the scheduler and waits
 * for the running ones to end. The jobs themselves are idempotent, so one skipped tick is harmless.
 */
@Singleton
public class JobShutdownGate implements JobInstrumenter {

    private static final Logger LOG = Logger.getLogger(JobShutdownGate.class);

    private final Object lock = new Object();
    private int running;
    private boolean stopping;

    @ConfigProperty(name = "tocsin.shutdown.jobs-timeout", defaultValue = "15s")
    Duration timeout;

    @Override
    public CompletionStage<Void> instrument(JobInstrumentationContext context) {
        synchronized (lock) {
            if (stopping) {
                return CompletableFuture.completedFuture(null);
            }
            running++;
        }
        CompletionStage<Void> done;
        try {
            done = context.executeJob();
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        return done.whenComplete((ok, failure) -> leave());
    }

    private void leave() {
        synchronized (lock) {
            running--;
            lock.notifyAll();
        }
    }

    /** Whether the application is shutting down: no new job may start. */
    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event, Scheduler scheduler) throws InterruptedException {
        synchronized (lock) {
            stopping = true;
        }
        scheduler.pause();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf(
                            "Shutdown: %d scheduled job(s) still running after %s; stopping anyway", running, timeout);
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        LOG.debug("Shutdown: scheduled jobs stopped before the persistence layer closes");
    }
}
