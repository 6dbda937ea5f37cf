package dev.tocsin.platform.db;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies Flyway migrations at start, then fires {@link SchemaReady}; keeps retrying both in
 * the background while the database is unreachable, so the service boots, reports not-ready with the reason, and recovers by
 * itself when the database comes back.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    private static final long RETRY_SECONDS = 5;

    @Inject
    Flyway flyway;

    @Inject
    Event<SchemaReady> ready;

    private final AtomicBoolean migrated = new AtomicBoolean();
    private volatile String lastError = "not attempted yet";
    private ScheduledExecutorService retries;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!tryMigrate()) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "schema-migrator");
                t.setDaemon(true);
                return t;
            });
            retries.scheduleWithFixedDelay(
                    () -> {
                        if (tryMigrate()) {
                            retries.shutdown();
                        }
                    },
                    RETRY_SECONDS,
                    RETRY_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    public boolean isReady() {
        return migrated.get();
    }

    private boolean tryMigrate() {
        try {
            flyway.migrate();
            // Start-up data (first admin, demo data) is idempotent: if it fails, all is retried.
            ready.fire(new SchemaReady());
            migrated.set(true);
            lastError = null;
            return true;
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            if (!reason.equals(lastError)) {
                LOG.errorf(
                        "Database not ready (unreachable, migration or start-up data failed), retrying every %ds: %s",
                        RETRY_SECONDS, reason);
            }
            lastError = reason;
            return false;
        }
    }

    /** Why the schema is not ready, or null when it is. */
    public String lastError() {
        return lastError;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
