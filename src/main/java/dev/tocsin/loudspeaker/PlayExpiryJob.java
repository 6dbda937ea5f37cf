package dev.tocsin.loudspeaker;

import dev.tocsin.platform.db.SchemaMigrator;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Marks plays whose window closed without a report as missed, so none is ever played late. */
@ApplicationScoped
public class PlayExpiryJob {

    private static final Logger LOG = Logger.getLogger(PlayExpiryJob.class);

    private final PlayService plays;
    private final SchemaMigrator schema;

    PlayExpiryJob(PlayService plays, SchemaMigrator schema) {
        this.plays = plays;
        this.schema = schema;
    }

    // A single UPDATE with a state guard: safe when every instance runs it.
    @Scheduled(
            every = "${tocsin.loudspeaker.expiry-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        if (!schema.isReady()) {
            return;
        }
        int missed = plays.expire();
        if (missed > 0) {
            LOG.infof("%d loudspeaker plays missed their window", missed);
        }
    }
}
