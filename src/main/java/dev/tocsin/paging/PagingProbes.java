package dev.tocsin.paging;

import dev.tocsin.platform.db.SchemaMigrator;
import dev.tocsin.sip.PageResult;
import dev.tocsin.sip.SipPager;
import dev.tocsin.sip.SipTarget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Health between calls: asks each enabled SIP speaker SIP OPTIONS every {@code probe-every}. A
 * speaker that answers anything is seen; one that does not gets {@code lastError} and shows
 * offline, so a wrong address or a dead speaker is found before an alert needs it.
 */
@ApplicationScoped
public class PagingProbes {

    private static final Logger LOG = Logger.getLogger(PagingProbes.class);

    private final PagingClaims claims;
    private final PagingConfig config;
    private final SipPager pager;
    private final SchemaMigrator schema;
    private final ExecutorService pool;

    PagingProbes(PagingClaims claims, PagingConfig config, SipPager pager, SchemaMigrator schema) {
        this.claims = claims;
        this.config = config;
        this.pager = pager;
        this.schema = schema;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.probeConcurrency(), r -> {
            Thread t = new Thread(r, "tocsin-paging-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "${tocsin.paging.probe-check:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (schema.isReady() && !config.probeEvery().isZero()) {
            probeDue();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        pool.shutdownNow();
    }

    /** Probes the speakers that are due and waits for the answers; returns how many were probed. */
    public int probeDue() {
        List<PagingClaims.Probe> due;
        try {
            due = claims.claimProbes(config.probeEvery(), 500);
        } catch (RuntimeException e) {
            LOG.warnf("Paging: could not claim health probes: %s", e.toString());
            return 0;
        }
        List<Future<?>> running =
                due.stream().<Future<?>>map(p -> pool.submit(() -> probe(p))).toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                LOG.debugf("probe: %s", e.toString());
            }
        }
        return due.size();
    }

    private void probe(PagingClaims.Probe p) {
        PageResult r = pager.probe(SipTarget.of(p.sipUri()));
        try {
            claims.recordProbe(p.terminalId(), r);
        } catch (RuntimeException e) {
            LOG.warnf("Paging: probe of %s not recorded: %s", p.code(), e.toString());
        }
    }
}
