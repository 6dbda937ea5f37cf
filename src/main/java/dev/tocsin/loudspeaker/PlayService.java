package dev.tocsin.loudspeaker;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Creates, withdraws and expires loudspeaker plays. The broadcast feature calls
 * {@link #schedule} when an occurrence is dispatched and {@link #cancel} when it is withdrawn;
 * the device API reads and reports on the rows.
 */
@ApplicationScoped
@Transactional
public class PlayService {

    private static final int CHUNK = 500;

    private final Clock clock;
    private final EntityManager em;
    private final LoudspeakerConfig config;
    private final Event<PlaysChanged> changed;
    private final LastSeen lastSeen;

    PlayService(
            Clock clock, EntityManager em, LoudspeakerConfig config, Event<PlaysChanged> changed, LastSeen lastSeen) {
        this.clock = clock;
        this.lastSeen = lastSeen;
        this.em = em;
        this.config = config;
        this.changed = changed;
    }

    public record PlayRequest(
            String occurrenceRef, String audioKey, PlayPriority priority, Instant notBefore, Instant notAfter) {
        public PlayRequest {
            if (!notAfter.isAfter(notBefore)) {
                throw ProblemException.badRequest("notAfter", "the play window must end after it starts");
            }
        }
    }

    /**
     * Creates one pending play per terminal; terminals that already have a play for this
     * occurrence are left alone, so a re-run after a crash adds only what is missing.
     * Returns the number of plays created.
     */
    public int schedule(PlayRequest request, Stream<Long> terminalIds) {
        Set<Long> existing =
                new HashSet<>(em.createQuery("select p.terminalId from Play p where p.occurrenceRef = :ref", Long.class)
                        .setParameter("ref", request.occurrenceRef())
                        .getResultList());
        Instant now = clock.instant();
        int created = 0;
        Set<Long> woken = new HashSet<>();
        Iterator<Long> it = terminalIds.iterator();
        while (it.hasNext()) {
            Long terminalId = it.next();
            if (!existing.add(terminalId)) {
                continue;
            }
            Play p = new Play();
            p.occurrenceRef = request.occurrenceRef();
            p.terminalId = terminalId;
            p.audioKey = request.audioKey();
            p.priority = request.priority();
            p.notBefore = request.notBefore();
            p.notAfter = request.notAfter();
            p.state = PlayState.PENDING;
            p.createdAt = now;
            p.updatedAt = now;
            em.persist(p);
            woken.add(terminalId);
            if (++created % CHUNK == 0) {
                em.flush();
                em.clear();
            }
        }
        if (!woken.isEmpty()) {
            changed.fire(new PlaysChanged(woken));
        }
        return created;
    }

    /** Withdraws the occurrence's pending plays; returns how many were cancelled. */
    public int cancel(String occurrenceRef, String reason) {
        Set<Long> woken = new HashSet<>(em.createQuery(
                        "select p.terminalId from Play p " + "where p.occurrenceRef = :ref and p.state = :pending",
                        Long.class)
                .setParameter("ref", occurrenceRef)
                .setParameter("pending", PlayState.PENDING)
                .getResultList());
        int cancelled = em.createQuery(
                        "update Play p set p.state = :cancelled, p.stateReason = :reason, p.updatedAt = :now "
                                + "where p.occurrenceRef = :ref and p.state = :pending")
                .setParameter("cancelled", PlayState.CANCELLED)
                .setParameter("reason", reason)
                .setParameter("now", clock.instant())
                .setParameter("ref", occurrenceRef)
                .setParameter("pending", PlayState.PENDING)
                .executeUpdate();
        // A started play cannot be cancelled any more; marking it lets a SIP call under way stop.
        em.createQuery("update Play p set p.withdrawnAt = :now where p.occurrenceRef = :ref "
                        + "and p.state = :started and p.withdrawnAt is null")
                .setParameter("now", clock.instant())
                .setParameter("ref", occurrenceRef)
                .setParameter("started", PlayState.STARTED)
                .executeUpdate();
        if (!woken.isEmpty()) {
            changed.fire(new PlaysChanged(woken));
        }
        return cancelled;
    }

    /**
     * Marks plays whose window has closed without a report as missed; returns how many. Those of
     * terminals silent at that moment are flagged missed-while-offline for the coverage report.
     * A started play gets {@code started-grace} more for its completion report to arrive.
     */
    public int expire() {
        lastSeen.flush();
        Instant now = clock.instant();
        Instant offlineCutoff = now.minus(config.offlineAfter());
        Instant startedCutoff = now.minus(config.startedGrace());
        String update = "update Play p set p.state = :missed, p.stateReason = :reason, p.updatedAt = :now, "
                + "p.missedOffline = :offline where ((p.state = :pending and p.notAfter < :now) "
                + "or (p.state = :started and p.notAfter < :startedCutoff)) and p.terminalId %s "
                + "(select t.id from Terminal t where " + Terminal.SILENT.formatted(":offlineCutoff") + ")";
        int missed = 0;
        for (boolean offline : new boolean[] {true, false}) {
            missed += em.createQuery(update.formatted(offline ? "in" : "not in"))
                    .setParameter("missed", PlayState.MISSED)
                    .setParameter(
                            "reason",
                            offline ? "play window closed while the terminal was offline" : "play window closed")
                    .setParameter("now", now)
                    .setParameter("offline", offline)
                    .setParameter("pending", PlayState.PENDING)
                    .setParameter("started", PlayState.STARTED)
                    .setParameter("startedCutoff", startedCutoff)
                    .setParameter("offlineCutoff", offlineCutoff)
                    .executeUpdate();
        }
        return missed;
    }

    /** Plays of the occurrence that have not ended: pending in a queue or started and not reported. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long outstanding(String occurrenceRef) {
        return em.createQuery(
                        "select count(p) from Play p where p.occurrenceRef = :ref and p.state in :open", Long.class)
                .setParameter("ref", occurrenceRef)
                .setParameter("open", java.util.List.of(PlayState.PENDING, PlayState.STARTED))
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<PlayState, Long> counts(String occurrenceRef) {
        Map<PlayState, Long> counts = new EnumMap<>(PlayState.class);
        for (PlayState s : PlayState.values()) {
            counts.put(s, 0L);
        }
        em.createQuery(
                        "select p.state, count(p) from Play p where p.occurrenceRef = :ref group by p.state",
                        Object[].class)
                .setParameter("ref", occurrenceRef)
                .getResultList()
                .forEach(row -> counts.put((PlayState) row[0], (Long) row[1]));
        return counts;
    }
}
