package dev.tocsin.paging;

import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayPriority;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.sip.PageOutcome;
import dev.tocsin.sip.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims due plays of paged terminals and records how their calls ended. A claim is a guarded
 * UPDATE from pending to started, so of several instances exactly one places a given call; a
 * started play is never called again, even when its instance dies mid-call.
 */
@ApplicationScoped
@Transactional
public class PagingClaims {

    private static final int CANDIDATES = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Clock clock;
    private final EntityManager em;
    private final PagingConfig config;

    PagingClaims(Clock clock, EntityManager em, PagingConfig config) {
        this.clock = clock;
        this.em = em;
        this.config = config;
    }

    /** Claims up to {@code max} due plays, most urgent first, at most one per speaker and none for a speaker in a call. */
    public List<PagedCall> claim(int max) {
        Instant now = clock.instant();
        List<Object[]> rows = em.createQuery(
                        "select p, t from Play p, Terminal t where p.terminalId = t.id and t.pagingKind is not null "
                                + "and t.enabled = true and p.state = :pending and p.notBefore <= :now "
                                + "and p.notAfter > :now and not exists (select q.id from Play q where "
                                + "q.terminalId = t.id and q.state = :started and q.updatedAt > :fresh)",
                        Object[].class)
                .setParameter("pending", PlayState.PENDING)
                .setParameter("started", PlayState.STARTED)
                .setParameter("now", now)
                .setParameter("fresh", now.minus(config.staleCall()))
                .setMaxResults(CANDIDATES)
                .getResultList();
        List<Object[]> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.<Object[], PlayPriority>comparing(r -> ((Play) r[0]).priority)
                .reversed()
                .thenComparing(r -> ((Play) r[0]).notBefore));
        List<PagedCall> claimed = new ArrayList<>();
        Set<Long> speakers = new HashSet<>();
        for (Object[] row : ordered) {
            if (claimed.size() >= max) {
                break;
            }
            Play p = (Play) row[0];
            Terminal t = (Terminal) row[1];
            if (!speakers.add(t.id) || !take(p.id, now)) {
                continue;
            }
            claimed.add(new PagedCall(
                    p.id,
                    t.code,
                    t.pagingKind,
                    t.sipUri,
                    t.sipUsername,
                    t.sipPasswordSealed,
                    t.multicastGroup,
                    t.multicastTtl,
                    t.pagingCodec,
                    p.audioKey,
                    p.attempts + 1,
                    p.priority));
        }
        return claimed;
    }

    private boolean take(long playId, Instant now) {
        return em.createQuery("update Play p set p.state = :started, p.updatedAt = :now, p.attempts = p.attempts + 1, "
                                + "p.deliveredAt = coalesce(p.deliveredAt, :now), p.stateReason = null "
                                + "where p.id = :id and p.state = :pending")
                        .setParameter("started", PlayState.STARTED)
                        .setParameter("pending", PlayState.PENDING)
                        .setParameter("now", now)
                        .setParameter("id", playId)
                        .executeUpdate()
                == 1;
    }

    /**
     * Why calls under way must stop now, by play id: the play was withdrawn (its broadcast
     * cancelled) or a more urgent play for the same speaker is due. Calls not listed go on.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, String> interruptions(Collection<PagedCall> underWay) {
        if (underWay.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<Long, String> stops = new HashMap<>();
        List<Long> ids = underWay.stream().map(PagedCall::playId).toList();
        em.createQuery("select p.id from Play p where p.id in :ids and p.withdrawnAt is not null", Long.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(id -> stops.put(id, "withdrawn: the broadcast was cancelled"));
        List<Object[]> due = em.createQuery(
                        "select p.id, q.id, q.priority from Play p, Play q where p.id in :ids and q.terminalId = p.terminalId "
                                + "and q.state = :pending and q.notBefore <= :now and q.notAfter > :now",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("pending", PlayState.PENDING)
                .setParameter("now", now)
                .getResultList();
        for (PagedCall call : underWay) {
            for (Object[] row : due) {
                if (((Long) row[0]) == call.playId() && ((PlayPriority) row[2]).outranks(call.priority())) {
                    stops.putIfAbsent(call.playId(), "preempted by play " + row[1]);
                }
            }
        }
        return stops;
    }

    /**
     * Records a call's end on its play and speaker. Busy, unanswered and unreachable speakers are
     * called again after {@code retry-after} while attempts remain and the window stays open.
     */
    public void finish(PagedCall call, PageResult r, String stoppedBecause) {
        Play p = em.find(Play.class, call.playId());
        if (p == null || p.state != PlayState.STARTED) {
            return;
        }
        Instant now = clock.instant();
        Terminal t = Terminal.findByCode(call.terminalCode()).orElse(null);
        p.updatedAt = now;
        if (r.outcome() == PageOutcome.COMPLETED) {
            p.state = PlayState.COMPLETED;
            p.reportedAt = now;
            p.terminalReportedAt = r.endedAt();
            p.stateReason = completedNote(call, r);
            if (t != null) {
                t.lastSeenAt = now;
                t.lastError = null;
            }
            return;
        }
        if (r.outcome() == PageOutcome.STOPPED) {
            // Like a box that stops a play: skipped, with why; the speaker itself is fine.
            p.state = PlayState.SKIPPED;
            p.reportedAt = now;
            p.terminalReportedAt = r.endedAt();
            p.stateReason = clip((stoppedBecause == null ? "stopped" : stoppedBecause) + ": " + r.reason());
            return;
        }
        String why = describe(r);
        if (t != null) {
            t.lastError = why.length() > 500 ? why.substring(0, 500) : why;
        }
        Instant next = now.plus(config.retryAfter());
        boolean retry = retryable(r.outcome()) && p.attempts < config.attempts() && next.isBefore(p.notAfter);
        if (retry) {
            p.state = PlayState.PENDING;
            p.notBefore = next;
            p.stateReason = clip(why + "; call " + p.attempts + " of " + config.attempts() + ", next at "
                    + TIME.format(next.atZone(ZoneId.of(t == null ? "UTC" : t.zone))));
        } else {
            p.state = PlayState.FAILED;
            p.reportedAt = now;
            p.stateReason = clip(why + (p.attempts > 1 ? " (after " + p.attempts + " calls)" : ""));
        }
    }

    /** A SIP speaker due for a health probe. */
    public record Probe(long terminalId, String code, String sipUri) {}

    /** Marks how a health probe's error starts, so that only a later answered probe clears it. */
    static final String PROBE_ERROR = "no answer to SIP OPTIONS: ";

    /**
     * Claims up to {@code max} enabled SIP speakers not probed for {@code every} and not in a
     * call, each by a guarded UPDATE of {@code pagingProbedAt}: of several instances one probes.
     */
    public List<Probe> claimProbes(java.time.Duration every, int max) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(every);
        List<Terminal> due = em.createQuery(
                        "select t from Terminal t where t.pagingKind = :sip and t.enabled = true "
                                + "and (t.pagingProbedAt is null or t.pagingProbedAt < :cutoff) "
                                + "and not exists (select q.id from Play q where q.terminalId = t.id "
                                + "and q.state = :started and q.updatedAt > :fresh) order by t.pagingProbedAt",
                        Terminal.class)
                .setParameter("sip", dev.tocsin.loudspeaker.PagingKind.SIP)
                .setParameter("cutoff", cutoff)
                .setParameter("started", PlayState.STARTED)
                .setParameter("fresh", now.minus(config.staleCall()))
                .setMaxResults(max)
                .getResultList();
        List<Probe> claimed = new ArrayList<>();
        for (Terminal t : due) {
            int taken = em.createQuery("update Terminal t set t.pagingProbedAt = :now where t.id = :id "
                            + "and (t.pagingProbedAt is null or t.pagingProbedAt < :cutoff)")
                    .setParameter("now", now)
                    .setParameter("id", t.id)
                    .setParameter("cutoff", cutoff)
                    .executeUpdate();
            if (taken == 1) {
                claimed.add(new Probe(t.id, t.code, t.sipUri));
            }
        }
        return claimed;
    }

    /**
     * An answered probe marks the speaker seen and clears an error that a probe set (a failed
     * call's error stays until a call is answered: reachable is not the same as playing). No
     * answer sets the error, so the speaker shows offline.
     */
    public void recordProbe(long terminalId, PageResult r) {
        Terminal t = em.find(Terminal.class, terminalId);
        if (t == null) {
            return;
        }
        if (r.outcome() == PageOutcome.COMPLETED) {
            t.lastSeenAt = clock.instant();
            if (t.lastError != null && t.lastError.startsWith(PROBE_ERROR)) {
                t.lastError = null;
            }
        } else {
            t.lastError = clip(PROBE_ERROR + r.reason());
        }
    }

    private static boolean retryable(PageOutcome o) {
        return o == PageOutcome.BUSY || o == PageOutcome.NO_ANSWER || o == PageOutcome.UNREACHABLE;
    }

    private static String completedNote(PagedCall call, PageResult r) {
        if (call.kind() == dev.tocsin.loudspeaker.PagingKind.MULTICAST) {
            return clip("sent to multicast group " + call.multicastGroup() + " as " + r.codec() + ", " + r.packetsSent()
                    + " packets (no answer is expected from a group)");
        }
        return clip("answered (" + r.sipStatus() + "), played as " + r.codec() + ", " + r.packetsSent() + " packets");
    }

    private static String describe(PageResult r) {
        String outcome = switch (r.outcome()) {
            case BUSY -> "busy";
            case NO_ANSWER -> "no answer";
            case REJECTED -> "call refused";
            case UNREACHABLE -> "unreachable";
            default -> "failed";
        };
        String detail = r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason();
        return outcome + (r.sipStatus() > 0 ? " (" + r.sipStatus() + ")" : "") + detail;
    }

    private static String clip(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
