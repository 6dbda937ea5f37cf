package dev.tocsin.sandbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Group commit for the sandbox's store: requests that arrive together are written in one
 * transaction (one JDBC batch, one commit) by a single writer thread, and each request is
 * answered only after its message is committed (one JDBC batch per group). So an accepted message is as durable as
 * before (a 201 never precedes the commit), but 100,000 messages cost a few thousand commits
 * instead of 100,000. If the commit of a group fails, its messages are written one by one so
 * that one bad message cannot fail its neighbours.
 */
@ApplicationScoped
class SandboxWriter {

    private static final Logger LOG = Logger.getLogger(SandboxWriter.class);
    static final int MAX_GROUP = 200;

    private record Pending(SandboxMessage message, CompletableFuture<Void> stored) {}

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final DataSource dataSource;
    private volatile Thread writer;
    private volatile boolean stopping;

    SandboxWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns once {@code m} is committed; throws if it could not be stored. */
    void store(SandboxMessage m) {
        if (stopping) {
            throw new IllegalStateException("sandbox store is shutting down");
        }
        start();
        Pending p = new Pending(m, new CompletableFuture<>());
        queue.add(p);
        try {
            // No time limit: a request whose client gave up is still answered after the commit,
            // and the client's own read timeout makes it ask (reconcile) rather than resend.
            p.stored().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void start() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread t = new Thread(this::run, "sandbox-writer");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!stopping) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                // The writer must outlive anything a group throws, or every later request would hang.
                LOG.errorf(t, "Sandbox store failed for a group of %d", group.size());
                group.forEach(p -> p.stored().completeExceptionally(t));
            } finally {
                group.clear();
            }
        }
        RuntimeException gone = new IllegalStateException("sandbox store stopped");
        for (Pending p; (p = queue.poll()) != null; ) {
            p.stored().completeExceptionally(gone);
        }
    }

    private void write(List<Pending> group) {
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(group));
            group.forEach(p -> p.stored().complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).stored().completeExceptionally(e);
                return;
            }
            LOG.debugf("Sandbox group of %d not stored (%s); writing one by one", group.size(), e.getMessage());
            for (Pending p : group) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> insert(List.of(p)));
                    p.stored().complete(null);
                } catch (RuntimeException one) {
                    p.stored().completeExceptionally(one);
                }
            }
        }
    }

    /** One JDBC batch (the Hibernate session's flush cost more than the insert itself). */
    private void insert(List<Pending> group) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_message (sid, account_sid, to_number,"
                        + " from_number, messaging_service_sid, body, status, error_code, num_segments, status_callback,"
                        + " date_created, date_sent, date_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : group) {
                SandboxMessage m = p.message();
                ps.setString(1, m.sid);
                ps.setString(2, m.accountSid);
                ps.setString(3, m.to);
                ps.setString(4, m.from);
                ps.setString(5, m.messagingServiceSid);
                ps.setString(6, m.body);
                ps.setString(7, m.status);
                if (m.errorCode == null) {
                    ps.setNull(8, Types.INTEGER);
                } else {
                    ps.setInt(8, m.errorCode);
                }
                ps.setInt(9, m.numSegments);
                ps.setString(10, m.statusCallback);
                ps.setTimestamp(11, timestamp(m.dateCreated), utc());
                ps.setTimestamp(12, timestamp(m.dateSent), utc());
                ps.setTimestamp(13, timestamp(m.dateUpdated), utc());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox store: " + e.getMessage(), e);
        }
    }

    private static Timestamp timestamp(java.time.Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** As Hibernate writes instants here (quarkus.hibernate-orm.jdbc.timezone=UTC). */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        Thread t = writer;
        if (t != null) {
            t.join(5000);
        }
    }
}
