package dev.tocsin.loudspeaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Aggregate figures of plays and terminals, for the dashboard: aggregate queries, short capped lists. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LoudspeakerFigures {

    private final EntityManager em;

    LoudspeakerFigures(EntityManager em) {
        this.em = em;
    }

    /** Plays created in {@code [from, to)} by state (lower case). */
    public Map<String, Long> playsByStateCreated(Instant from, Instant to) {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r : em.createQuery(
                        "select p.state, count(p) from Play p where p.createdAt >= :from and p.createdAt < :to"
                                + " group by p.state",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            out.put(((PlayState) r[0]).name().toLowerCase(), (Long) r[1]);
        }
        return out;
    }

    /** Failed and missed plays of one occurrence reference. */
    public record PlayFailures(long failed, long missed) {}

    /** Failures of the plays with these occurrence references; a reference without any is left out. */
    public Map<String, PlayFailures> failuresByRef(List<String> refs) {
        Map<String, PlayFailures> out = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery(
                        "select p.occurrenceRef, p.state, count(p) from Play p "
                                + "where p.occurrenceRef in :refs and p.state in :bad group by p.occurrenceRef, p.state",
                        Object[].class)
                .setParameter("refs", refs)
                .setParameter("bad", List.of(PlayState.FAILED, PlayState.MISSED))
                .getResultList()) {
            long n = (Long) r[2];
            out.merge(
                    (String) r[0],
                    r[1] == PlayState.FAILED ? new PlayFailures(n, 0) : new PlayFailures(0, n),
                    (a, b) -> new PlayFailures(a.failed() + b.failed(), a.missed() + b.missed()));
        }
        return out;
    }

    /** An enabled terminal not heard from since the cut (never, when {@code lastSeen} is null). */
    public record Silent(String areaCode, String areaName, String code, String name, Instant lastSeen) {}

    public long silentCount(Instant cut) {
        return em.createQuery(
                        "select count(t) from Terminal t where t.enabled = true and t.revokedAt is null " + "and ("
                                + Terminal.SILENT.formatted(":cut") + ")",
                        Long.class)
                .setParameter("cut", cut)
                .getSingleResult();
    }

    /** The most recently silent first (that is the news); never-seen ones last; at most {@code limit}. */
    public List<Silent> silent(Instant cut, int limit) {
        return em
                .createQuery(
                        "select a.code, a.name, t.code, t.name, t.lastSeenAt from Terminal t, Area a "
                                + "where a.id = t.areaId and t.enabled = true and t.revokedAt is null "
                                + "and (" + Terminal.SILENT.formatted(":cut") + ") "
                                + "order by case when t.lastSeenAt is null then 1 else 0 end, t.lastSeenAt desc, t.code",
                        Object[].class)
                .setParameter("cut", cut)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(r -> new Silent((String) r[0], (String) r[1], (String) r[2], (String) r[3], (Instant) r[4]))
                .toList();
    }
}
