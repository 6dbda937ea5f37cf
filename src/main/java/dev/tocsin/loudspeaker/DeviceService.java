package dev.tocsin.loudspeaker;

import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.jpa.HibernateHints;

/** What a terminal does through the device API: read its queue, report playbacks, heartbeat. */
@ApplicationScoped
@Transactional
public class DeviceService {

    private final Clock clock;
    private final EntityManager em;
    private final AudioService audio;
    private final TocsinConfig tocsin;
    private final TokenCache tokens;
    private final QueueSnapshots snapshots;
    private final LastSeen lastSeen;
    private final Event<PlaysChanged> changed;
    // Rendered audio never changes for a key, so its metadata is cached once found.
    private final Map<String, RenderedProgramme> programmes = new ConcurrentHashMap<>();
    // A terminal's code never changes (one entry per terminal).
    private final Map<Long, String> codes = new ConcurrentHashMap<>();

    DeviceService(
            Clock clock,
            EntityManager em,
            AudioService audio,
            TocsinConfig tocsin,
            TokenCache tokens,
            QueueSnapshots snapshots,
            LastSeen lastSeen,
            Event<PlaysChanged> changed) {
        this.clock = clock;
        this.em = em;
        this.audio = audio;
        this.tocsin = tocsin;
        this.tokens = tokens;
        this.snapshots = snapshots;
        this.lastSeen = lastSeen;
        this.changed = changed;
    }

    /** Refused device credentials: always the same answer, whatever was wrong. */
    public static ProblemException unauthorized() {
        return ProblemException.unauthorized("a valid terminal token is required", "Bearer realm=\"Tocsin terminals\"");
    }

    /** The terminal a bearer token belongs to; 401 for missing, wrong or revoked tokens, 403 when disabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long authenticate(String authorization) {
        String token = TerminalTokens.bearer(authorization);
        String hash = TerminalTokens.hash(token);
        Long cached = tokens.find(hash);
        if (cached != null) {
            return cached;
        }
        long generation = tokens.generation();
        List<Object[]> rows = em.createQuery(
                        "select t.id, t.tokenHash, t.enabled, t.code from Terminal t where t.tokenHash = :h",
                        Object[].class)
                .setParameter("h", hash)
                .getResultList();
        if (rows.size() != 1 || !TerminalTokens.matches(token, (String) rows.get(0)[1])) {
            throw unauthorized();
        }
        if (!(Boolean) rows.get(0)[2]) {
            // A disabled box is told so plainly, so its installer knows it is not a token problem.
            throw new ProblemException(Problem.of(
                    403,
                    "Terminal disabled",
                    "terminal " + rows.get(0)[3] + " is disabled by staff and gets no plays"));
        }
        long id = (Long) rows.get(0)[0];
        tokens.put(hash, id, generation);
        return id;
    }

    public record Audio(
            String url, String key, Long bytes, String sha256, String etag, Long durationMs, Double loudnessLufs) {}

    public record QueueItem(
            long playId,
            String occurrence,
            String priority,
            String state,
            Instant notBefore,
            Instant notAfter,
            boolean windowOpen,
            Audio audio,
            List<Long> supersedes) {}

    /** Stop {@code stop} (started, lower priority) and play {@code play} now. */
    public record Preempt(long stop, long play) {}

    public record Queue(String terminal, Instant serverTime, List<QueueItem> plays, Preempt preempt, String etag) {}

    /**
     * The terminal's plays whose window has not closed (server time), highest priority first,
     * then earliest start: from its snapshot when that is still good, else read in one
     * transaction that only writes when it hands a play over for the first time. Notes the
     * terminal as seen.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Queue queue(long terminalId) {
        Instant now = clock.instant();
        lastSeen.touch(terminalId, now);
        Queue q = snapshots.find(terminalId, now);
        if (q != null) {
            return q;
        }
        long generation = snapshots.generation();
        Read read = QuarkusTransaction.requiringNew().call(() -> read(terminalId, now));
        snapshots.put(terminalId, read.queue(), read.validUntil(), generation);
        return read.queue();
    }

    private record Read(Queue queue, Instant validUntil) {}

    private Read read(long terminalId, Instant now) {
        String code = codes.computeIfAbsent(
                terminalId,
                id -> em.createQuery("select t.code from Terminal t where t.id = :id", String.class)
                        .setParameter("id", id)
                        .getSingleResult());
        List<Play> open = em.createQuery(
                        "select p from Play p where p.terminalId = :t and p.state in :open " + "and p.notAfter > :now",
                        Play.class)
                .setParameter("t", terminalId)
                .setParameter("open", List.of(PlayState.PENDING, PlayState.STARTED))
                .setParameter("now", now)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        List<Play> sorted = new ArrayList<>(open);
        sorted.sort(Comparator.comparing((Play p) -> p.priority)
                .reversed()
                .thenComparing(p -> p.notBefore)
                .thenComparing(p -> p.id));
        List<Play> started =
                sorted.stream().filter(p -> p.state == PlayState.STARTED).toList();
        List<QueueItem> items = new ArrayList<>();
        List<Long> undelivered = new ArrayList<>();
        Preempt preempt = null;
        Instant validUntil = Instant.MAX;
        StringBuilder version = new StringBuilder();
        for (Play p : sorted) {
            boolean windowOpen = !p.notBefore.isAfter(now);
            // The answer changes when a window opens or closes.
            validUntil = min(validUntil, windowOpen ? p.notAfter : min(p.notBefore, p.notAfter));
            List<Long> supersedes = p.state == PlayState.PENDING && windowOpen
                    ? started.stream()
                            .filter(s -> p.priority.outranks(s.priority))
                            .map(s -> s.id)
                            .toList()
                    : List.of();
            if (preempt == null && !supersedes.isEmpty()) {
                preempt = new Preempt(supersedes.get(0), p.id);
            }
            if (p.deliveredAt == null) {
                undelivered.add(p.id);
            }
            RenderedProgramme r = programme(p.audioKey);
            String url = tocsin.publicUrl() + "/terminal/v1/audio/" + p.audioKey + ".mp3";
            Audio a = r == null
                    ? new Audio(url, p.audioKey, null, null, null, null, null)
                    : new Audio(
                            url,
                            p.audioKey,
                            r.mp3Bytes(),
                            r.mp3Sha256(),
                            "\"" + r.mp3Sha256() + "\"",
                            r.durationMs(),
                            r.loudnessLufs());
            items.add(new QueueItem(
                    p.id,
                    p.occurrenceRef,
                    p.priority.id(),
                    p.state.id(),
                    p.notBefore,
                    p.notAfter,
                    windowOpen,
                    a,
                    supersedes));
            version.append(p.id)
                    .append(':')
                    .append(p.state)
                    .append(':')
                    .append(windowOpen)
                    .append(';');
        }
        if (!undelivered.isEmpty()) {
            em.createQuery("update Play p set p.deliveredAt = :now where p.id in :ids and p.deliveredAt is null")
                    .setParameter("now", now)
                    .setParameter("ids", undelivered)
                    .executeUpdate();
        }
        Queue q = new Queue(
                code,
                now,
                items,
                preempt,
                "\"q-" + TerminalTokens.sha256Hex(version.toString()).substring(0, 32) + "\"");
        return new Read(q, validUntil);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private RenderedProgramme programme(String key) {
        RenderedProgramme r = programmes.get(key);
        if (r == null) {
            r = audio.find(key).orElse(null);
            if (r != null) {
                programmes.put(key, r);
            }
        }
        return r;
    }

    public enum ReportStatus {
        STARTED,
        COMPLETED,
        FAILED,
        SKIPPED;

        PlayState state() {
            return PlayState.valueOf(name());
        }
    }

    public record Report(long playId, ReportStatus status, Instant at, String reason) {}

    /** applied, duplicate, ignored (a late report the play's state no longer allows), window-closed, suspicious. */
    public record Outcome(long playId, String status, String outcome, String state) {}

    /**
     * Applies a batch of reports atomically. Every play must belong to the caller (403 otherwise,
     * with the same answer whether or not the id exists elsewhere). Window decisions use server
     * time; the terminal's claimed time is only recorded.
     */
    public List<Outcome> report(long terminalId, List<Report> reports) {
        Instant now = clock.instant();
        em.find(Terminal.class, terminalId).lastSeenAt = now;
        changed.fire(new PlaysChanged(Set.of(terminalId)));
        List<Outcome> out = new ArrayList<>();
        for (Report r : reports) {
            Play p = em.find(Play.class, r.playId());
            if (p == null || !p.terminalId.equals(terminalId)) {
                throw ProblemException.forbidden("play " + r.playId() + " is not one of this terminal's plays");
            }
            out.add(apply(p, r, now));
        }
        return out;
    }

    private Outcome apply(Play p, Report r, Instant now) {
        PlayState target = r.status().state();
        String outcome;
        if (p.state == target) {
            outcome = "duplicate";
        } else if (target == PlayState.COMPLETED && (p.deliveredAt == null || p.state == PlayState.CANCELLED)) {
            // It never reached this terminal through its queue: keep the claim, do not count it.
            p.suspicious = true;
            p.stateReason = "completion reported for a play never delivered";
            if (p.state.canBecome(target)) {
                p.state = target;
            }
            outcome = "suspicious";
            stamp(p, r, now);
        } else if (!p.state.canBecome(target)) {
            outcome = "ignored";
        } else if (target == PlayState.STARTED && now.isAfter(p.notAfter)) {
            p.state = PlayState.MISSED;
            p.stateReason = "started after the window closed (server time)";
            outcome = "window-closed";
            stamp(p, r, now);
        } else {
            p.state = target;
            p.stateReason = r.reason();
            outcome = "applied";
            stamp(p, r, now);
        }
        return new Outcome(p.id, r.status().name().toLowerCase(), outcome, p.state.id());
    }

    private static void stamp(Play p, Report r, Instant now) {
        p.reportedAt = now;
        p.terminalReportedAt = r.at();
        p.updatedAt = now;
    }

    public record Heartbeat(
            Integer volume,
            Boolean amplifierOk,
            String lastError,
            Long freeStorageBytes,
            Long clockOffsetMs,
            Instant terminalTime) {}

    /** Records the terminal's status; returns the server time so the terminal can correct its clock. */
    public Instant heartbeat(long terminalId, Heartbeat h) {
        Instant now = clock.instant();
        Terminal t = em.find(Terminal.class, terminalId);
        t.lastSeenAt = now;
        t.reportedVolume = h.volume();
        t.amplifierOk = h.amplifierOk();
        t.lastError = h.lastError() == null || h.lastError().isBlank() ? null : h.lastError();
        t.freeStorageBytes = h.freeStorageBytes();
        // Long.valueOf: a bare long branch would unbox a missing clockOffsetMs and throw.
        t.clockOffsetMs = h.terminalTime() != null
                ? Long.valueOf(h.terminalTime().toEpochMilli() - now.toEpochMilli())
                : h.clockOffsetMs();
        return now;
    }
}
