package dev.tocsin.loudspeaker;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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

    PlayService(Clock clock, EntityManager em) {
        this.clock = clock;
        this.em = em;
    }

    public record PlayRequest(String occurrenceRef, String audioKey, PlayPriority priority,
            Instant notBefore, Instant notAfter) {
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
        Set<Long> existing = new HashSet<>(em.createQuery(
                "select p.terminalId from Play p where p.occurrenceRef = :ref", Long.class)
                .setParameter("ref", request.occurrenceRef()).getResultList());
        Instant now = clock.instant();
        int created = 0;
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
            if (++created % CHUNK == 0) {
                em.flush();
                em.clear();
            }
        }
        return created;
    }

    /** Withdraws the occurrence's pending plays; returns how many were cancelled. */
    public int cancel(String occurrenceRef, String reason) {
        return em.createQuery("update Play p set p.state = :cancelled, p.stateReason = :reason, p.updatedAt = :now "
                + "where p.occurrenceRef = :ref and p.state = :pending")
                .setParameter("cancelled", PlayState.CANCELLED).setParameter("reason", reason)
                .setParameter("now", clock.instant()).setParameter("ref", occurrenceRef)
                .setParameter("pending", PlayState.PENDING).executeUpdate();
    }

    /** Marks plays whose window has closed without a report as missed; returns how many. */
    public int expire() {
        Instant now = clock.instant();
        return em.createQuery("update Play p set p.state = :missed, p.stateReason = :reason, p.updatedAt = :now "
                + "where p.state in :open and p.notAfter < :now")
                .setParameter("missed", PlayState.MISSED).setParameter("reason", "play window closed")
                .setParameter("now", now).setParameter("open", List.of(PlayState.PENDING, PlayState.STARTED))
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<PlayState, Long> counts(String occurrenceRef) {
        Map<PlayState, Long> counts = new EnumMap<>(PlayState.class);
        for (PlayState s : PlayState.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select p.state, count(p) from Play p where p.occurrenceRef = :ref group by p.state",
                Object[].class).setParameter("ref", occurrenceRef).getResultList()
                .forEach(row -> counts.put((PlayState) row[0], (Long) row[1]));
        return counts;
    }
}
