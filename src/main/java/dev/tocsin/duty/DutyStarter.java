package dev.tocsin.duty;

import dev.tocsin.broadcast.BroadcastChanged;
import dev.tocsin.platform.db.SchemaMigrator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Starts 叫应 once an approval has committed (off the approver's request, as retractions start
 * after a cancel), closes it when the broadcast is cancelled or superseded, and runs the
 * escalation rounds every {@code tocsin.duty.check-every}.
 */
@ApplicationScoped
public class DutyStarter {

    private static final Logger LOG = Logger.getLogger(DutyStarter.class);

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "duty-start");
        t.setDaemon(true);
        return t;
    });
    private final DutyCalls calls;
    private final SchemaMigrator migrator;

    DutyStarter(DutyCalls calls, SchemaMigrator migrator) {
        this.calls = calls;
        this.migrator = migrator;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastChanged change) {
        long id = change.broadcastId();
        runner.execute(() -> {
            try {
                if (change.change() == BroadcastChanged.Change.APPROVED) {
                    if (change.superseded() != null) {
                        calls.closeForBroadcast(change.superseded(), "superseded by broadcast " + id);
                    }
                    calls.start(id);
                } else {
                    calls.closeForBroadcast(id, "broadcast cancelled");
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "叫应 of broadcast %d: %s", id, e.getMessage());
            }
        });
    }

    @Scheduled(
            every = "${tocsin.duty.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "duty-escalation")
    void scheduled() {
        if (migrator.isReady()) {
            calls.escalate();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }
}
