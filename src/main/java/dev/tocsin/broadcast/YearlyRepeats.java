package dev.tocsin.broadcast;

import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes next year's copy of each broadcast that repeats every year once this year's has ended
 * (completed or failed; a cancelled or superseded one ends its series). The copy waits for
 * approval. {@code broadcast.repeated_from} is unique, so two instances make one copy.
 */
@ApplicationScoped
public class YearlyRepeats {

    private static final Logger LOG = Logger.getLogger(YearlyRepeats.class);

    private final BroadcastService broadcasts;
    private final SchemaMigrator migrator;

    YearlyRepeats(BroadcastService broadcasts, SchemaMigrator migrator) {
        this.broadcasts = broadcasts;
        this.migrator = migrator;
    }

    @Scheduled(
            every = "${tocsin.broadcast.repeat-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "yearly-repeats")
    void scheduled() {
        if (migrator.isReady()) {
            repeatEnded();
        }
    }

    /** One round: the copies made in it. */
    public List<Broadcast> repeatEnded() {
        List<Broadcast> made = new ArrayList<>();
        for (long id : ended()) {
            try {
                Broadcast b = broadcasts.repeatNextYear(id);
                if (b != null) {
                    made.add(b);
                    LOG.infof("Broadcast %d repeats every year: next year's is %d, waiting for approval", id, b.id);
                }
            } catch (ProblemException e) {
                String why =
                        e.problem().errors() == null || e.problem().errors().isEmpty()
                                ? e.problem().detail()
                                : e.problem().errors().stream()
                                        .map(f -> f.field() + ": " + f.message())
                                        .collect(Collectors.joining("; "));
                LOG.warnf("Broadcast %d repeats every year, but next year's cannot be made: %s", id, why);
                broadcasts.repeatFailed(id, why);
            } catch (PersistenceException e) {
                // Another instance made the copy first (repeated_from is unique); nothing to do.
                LOG.debugf("Next year's copy of broadcast %d: %s", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Next year's copy of broadcast %d failed; the next round tries again", id);
            }
        }
        return made;
    }

    @Transactional
    List<Long> ended() {
        return Broadcast.<Broadcast>find(
                        "from Broadcast b where b.repeatYearly = true and b.repeatProblem is null"
                                + " and b.status in ?1"
                                + " and not exists (select 1 from Broadcast n where n.repeatedFrom = b.id)"
                                + " order by b.id",
                        List.of(BroadcastStatus.COMPLETED, BroadcastStatus.FAILED))
                .page(0, 100)
                .list()
                .stream()
                .map(b -> b.id)
                .toList();
    }
}
