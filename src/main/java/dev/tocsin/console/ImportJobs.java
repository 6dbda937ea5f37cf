package dev.tocsin.console;

import dev.tocsin.audience.ImportReport;
import dev.tocsin.audience.ResidentImporter;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs confirmed resident imports in the background so the page can show rows processed while
 * the commit goes on. The import itself is unchanged: one transaction, all accepted rows or none.
 * Imports run one at a time per instance; a job (and its outcome) is kept in memory for an hour
 * after it ends and is visible only to the user who started it.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    private static final Duration KEEP = Duration.ofHours(1);

    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED;

        public String id() {
            return name().toLowerCase();
        }
    }

    /** What the progress endpoint answers; counts only, no personal data. */
    public record Snapshot(
            String id,
            String state,
            boolean running,
            long processed,
            long total,
            long percent,
            long inserted,
            long updated,
            long skipped,
            long rejected,
            String error) {}

    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String actor;
        final long total;
        final AtomicLong processed = new AtomicLong();
        volatile State state = State.QUEUED;
        volatile ImportReport report;
        volatile String error;
        volatile Instant endedAt;

        Job(String actor, long total) {
            this.actor = actor;
            this.total = total;
        }

        Snapshot snapshot() {
            State now = state; // read before the report: DONE is set after the report is
            ImportReport r = report;
            long done = processed.get();
            long percent = total <= 0 ? 0 : Math.min(100, Math.round(100.0 * done / total));
            return new Snapshot(
                    id,
                    now.id(),
                    now == State.QUEUED || now == State.RUNNING,
                    done,
                    total,
                    percent,
                    r == null ? 0 : r.inserted(),
                    r == null ? 0 : r.updated(),
                    r == null ? 0 : r.skipped(),
                    r == null ? 0 : r.rejected(),
                    error);
        }
    }

    private final ResidentImporter importer;
    private final ImportUploads uploads;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> byToken = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-import");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(ResidentImporter importer, ImportUploads uploads, Clock clock) {
        this.importer = importer;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** Queues the commit of the kept file {@code token}; the file is removed once it is imported. */
    public synchronized Snapshot start(String actor, String token, Path file, ResidentImporter.Duplicates duplicates) {
        evictOld();
        Job earlier = jobs.get(byToken.getOrDefault(token, ""));
        if (earlier != null && earlier.state != State.FAILED) {
            // The same kept file committed again (another tab): one import, not two.
            if (!earlier.actor.equals(actor)) {
                throw ProblemException.conflict("file", "this file is already being imported");
            }
            return earlier.snapshot();
        }
        Job job = new Job(actor, uploads.rows(token));
        jobs.put(job.id, job);
        byToken.put(token, job.id);
        worker.execute(() -> run(job, token, file, duplicates));
        return job.snapshot();
    }

    public Optional<Snapshot> find(String id, String actor) {
        Job job = id == null ? null : jobs.get(id);
        return job != null && job.actor.equals(actor) ? Optional.of(job.snapshot()) : Optional.empty();
    }

    /** The full report (rows listed) of a finished job, for its page. */
    public Optional<ImportReport> report(String id, String actor) {
        Job job = id == null ? null : jobs.get(id);
        return job != null && job.actor.equals(actor) ? Optional.ofNullable(job.report) : Optional.empty();
    }

    private void run(Job job, String token, Path file, ResidentImporter.Duplicates duplicates) {
        job.state = State.RUNNING;
        try (InputStream in = Files.newInputStream(file)) {
            job.report = importer.importCsv(job.actor, in, null, true, duplicates, job.processed::set);
            job.processed.set(job.report.rowsRead());
            uploads.forget(token);
            job.state = State.DONE;
        } catch (ProblemException e) {
            job.error = e.problem().detail();
            job.state = State.FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "resident import %s failed", job.id);
            job.error = "the import stopped on an unexpected error; nothing was written";
            job.state = State.FAILED;
        } finally {
            job.endedAt = clock.instant();
        }
    }

    private void evictOld() {
        Instant horizon = clock.instant().minus(KEEP);
        jobs.values().removeIf(j -> j.endedAt != null && j.endedAt.isBefore(horizon));
        byToken.values().removeIf(id -> !jobs.containsKey(id));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
