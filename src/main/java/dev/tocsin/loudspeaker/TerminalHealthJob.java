package dev.tocsin.loudspeaker;

import dev.tocsin.platform.db.SchemaMigrator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Alerts when a terminal goes offline while it has an URGENT play whose window is open. Each
 * outage alerts once: the alert is claimed by a guarded UPDATE of offline_alerted_at, so when
 * every instance runs the check only one of them logs and counts it.
 */
@ApplicationScoped
public class TerminalHealthJob {

    private static final Logger LOG = Logger.getLogger(TerminalHealthJob.class);

    private final Clock clock;
    private final EntityManager em;
    private final LoudspeakerConfig config;
    private final SchemaMigrator schema;
    private final LastSeen lastSeen;
    private final Counter alerts;
    private final AtomicLong offlineDuringUrgent = new AtomicLong();

    TerminalHealthJob(
            Clock clock,
            EntityManager em,
            LoudspeakerConfig config,
            SchemaMigrator schema,
            MeterRegistry registry,
            LastSeen lastSeen) {
        this.lastSeen = lastSeen;
        this.clock = clock;
        this.em = em;
        this.config = config;
        this.schema = schema;
        this.alerts = Counter.builder("tocsin.terminals.offline.urgent.alerts")
                .description("Alerts: a terminal went offline during an open urgent play")
                .register(registry);
        registry.gauge("tocsin.terminals.offline.during.urgent", offlineDuringUrgent);
    }

    @Scheduled(
            every = "${tocsin.loudspeaker.health-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (schema.isReady()) {
            check();
        }
    }

    /** Runs one check; returns the codes of terminals alerted by this call. */
    public List<String> check() {
        lastSeen.flush();
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Instant cutoff = now.minus(config.offlineAfter());
            List<Terminal> silent = em.createQuery(
                            "select distinct t from Terminal t, Play p where p.terminalId = t.id and t.pagingKind is null "
                                    + "and t.lastSeenAt is not null and t.lastSeenAt < :cutoff and p.priority = :urgent "
                                    + "and p.state in :open and p.notBefore <= :now and p.notAfter > :now",
                            Terminal.class)
                    .setParameter("cutoff", cutoff)
                    .setParameter("urgent", PlayPriority.URGENT)
                    .setParameter("open", List.of(PlayState.PENDING, PlayState.STARTED))
                    .setParameter("now", now)
                    .getResultList();
            offlineDuringUrgent.set(silent.size());
            List<String> alerted = new java.util.ArrayList<>();
            for (Terminal t : silent) {
                int claimed = em.createQuery("update Terminal t set t.offlineAlertedAt = :now where t.id = :id "
                                + "and (t.offlineAlertedAt is null or t.offlineAlertedAt < t.lastSeenAt)")
                        .setParameter("now", now)
                        .setParameter("id", t.id)
                        .executeUpdate();
                if (claimed == 1) {
                    alerts.increment();
                    alerted.add(t.code);
                    LOG.warnf("Terminal %s offline (last seen %s) during an urgent broadcast", t.code, t.lastSeenAt);
                }
            }
            return alerted;
        });
    }
}
