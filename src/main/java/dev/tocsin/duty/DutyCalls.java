package dev.tocsin.duty;

import dev.tocsin.alert.Urgency;
import dev.tocsin.alert.WarningColour;
import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.Recipient;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.CapStatus;
import dev.tocsin.broadcast.SmsTexts;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.sms.SmsDispatchRequest;
import dev.tocsin.sms.SmsDispatchService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The 叫应 of a broadcast: started on approval, answered by SMS reply or link, escalated on time.
 *
 * <p>Each step is messaged exactly once, also across restarts and instances: a step is claimed
 * with a conditional UPDATE ({@code ... where state = 'WAITING'}) whose row count decides which
 * instance records it, and its SMS goes through the SMS outbox under the reference {@code
 * duty-<entry>-<step>}, which the outbox keeps unique (one dispatch per reference, one row per
 * recipient). {@code sent_step} says which step's SMS is known to be in the outbox; a crash
 * between the claim and the dispatch is repaired by the next round dispatching the same
 * reference again, which adds nothing that is already there.
 */
@ApplicationScoped
public class DutyCalls {

    private static final Logger LOG = Logger.getLogger(DutyCalls.class);
    static final String SYSTEM = "system:duty";
    private static final Set<AreaKind> TOWNSHIP_KINDS =
            EnumSet.of(AreaKind.TOWN, AreaKind.TOWNSHIP, AreaKind.SUBDISTRICT);
    /** A claimed step still unsent this long after its claim is sent by whichever instance finds it. */
    static final Duration REPAIR_AFTER = Duration.ofMinutes(1);

    private static final List<DutyEntry.State> OPEN =
            List.of(DutyEntry.State.WAITING, DutyEntry.State.BACKUP, DutyEntry.State.SUPERIOR);

    private final DutyPolicy policy;
    private final DutyLinks links;
    private final DutyConfig config;
    private final BroadcastService broadcasts;
    private final SmsTexts smsTexts;
    private final SmsDispatchService sms;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final DutyVoiceCalls voice;
    private final ZoneId zone;

    DutyCalls(
            DutyPolicy policy,
            DutyLinks links,
            DutyConfig config,
            BroadcastService broadcasts,
            SmsTexts smsTexts,
            SmsDispatchService sms,
            AuditLog audit,
            Clock clock,
            MeterRegistry metrics,
            DutyVoiceCalls voice,
            TocsinConfig tocsin) {
        this.policy = policy;
        this.links = links;
        this.config = config;
        this.broadcasts = broadcasts;
        this.smsTexts = smsTexts;
        this.sms = sms;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
        this.voice = voice;
        this.zone = tocsin.zone();
    }

    // --- start ----------------------------------------------------------------------------------

    /**
     * Starts the 叫应 of an approved broadcast when its colour's policy says so, and messages every
     * primary person. Idempotent: a second call (or another instance) finds the one there is.
     *
     * @return the call's id; empty when the broadcast starts none
     */
    public Optional<Long> start(long broadcastId) {
        Optional<Long> callId;
        try {
            callId = QuarkusTransaction.requiringNew().call(() -> create(broadcastId));
        } catch (RuntimeException e) {
            // Most likely another instance created it first (unique per broadcast): use that one.
            callId = QuarkusTransaction.requiringNew()
                    .call(() -> DutyCall.forBroadcast(broadcastId).map(c -> c.id));
            if (callId.isEmpty()) {
                throw e;
            }
        }
        callId.ifPresent(id -> sendPending(id, null));
        callId.ifPresent(id -> voice.placeSoon());
        return callId;
    }

    private Optional<Long> create(long broadcastId) {
        Optional<DutyCall> existing = DutyCall.forBroadcast(broadcastId);
        if (existing.isPresent()) {
            return Optional.of(existing.get().id);
        }
        Broadcast b = Broadcast.findById(broadcastId);
        if (b == null || b.capStatus != CapStatus.ACTUAL) {
            return Optional.empty(); // exercises and tests reach residents marked for them, not the roster
        }
        Optional<WarningColour> colour = b.warningColour();
        if (!policy.starts(colour)) {
            return Optional.empty();
        }
        DutyPolicy.Rule rule = policy.rule(colour.get());
        Instant now = clock.instant();
        DutyCall call = new DutyCall();
        call.broadcastId = broadcastId;
        call.colour = colour.get();
        call.state = DutyCall.State.OPEN;
        call.startedAt = now;
        call.persist();
        DutyCall.getEntityManager().flush();
        // A post kept by rota is held today by whoever's rota covers the district's date.
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<DutyPerson> posts = DutyPerson.list(
                "areaId in ?1 and rank = ?2 and role in ?3 order by areaId, role, id",
                areas(broadcasts.audience(b).areaCodes()),
                DutyRank.PRIMARY,
                rule.roles());
        List<String> uncovered = uncovered(posts, today);
        List<DutyPerson> persons = onDuty(posts, today);
        for (DutyPerson p : persons) {
            DutyEntry e = new DutyEntry();
            e.callId = call.id;
            e.personId = p.id;
            e.state = DutyEntry.State.WAITING;
            e.sentStep = -1;
            e.messagedAt = now;
            e.persist();
        }
        if (persons.isEmpty()) {
            call.state = DutyCall.State.CLOSED;
            call.closedAt = now;
            call.closedReason = "no primary responsible person on the roster for the broadcast's areas";
        }
        metrics.counter("tocsin.duty.reached", "colour", colour.get().id()).increment(persons.size());
        audit.record(
                SYSTEM,
                "duty.start",
                "broadcast:" + broadcastId,
                colour.get().id() + " warning: 叫应 of " + persons.size() + " responsible persons"
                        + (posts.size() == persons.size()
                                ? ""
                                : ", " + (posts.size() - persons.size()) + " off duty by rota on " + today)
                        + (uncovered.isEmpty()
                                ? ""
                                : "; no one on duty by rota on " + today + " for " + uncovered
                                        + ": every primary of those posts is reached"));
        return Optional.of(call.id);
    }

    /**
     * The areas whose posts a broadcast reaches: those it targets, every area below them, and the
     * towns, townships and subdistricts above them (a village's warning also reaches its
     * township's head).
     */
    static Set<Long> areas(List<String> codes) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String code : codes) {
            Area.findByCode(code).ifPresent(a -> {
                Area.<Area>list("path like ?1", a.path + "%").forEach(d -> ids.add(d.id));
                for (String part : a.path.split("/")) {
                    if (!part.isEmpty()) {
                        Area up = Area.findById(Long.parseLong(part));
                        if (up != null && TOWNSHIP_KINDS.contains(up.kind)) {
                            ids.add(up.id);
                        }
                    }
                }
            });
        }
        if (ids.isEmpty()) {
            ids.add(-1L); // "in ()" is not SQL
        }
        return ids;
    }

    // --- sending --------------------------------------------------------------------------------

    /** What one step sends, read in one transaction. */
    private record Step(DutyPerson to, String body, boolean call) {}

    /**
     * Hands the claimed steps of a call whose SMS is not known to be in the outbox to the outbox:
     * all of them ({@code claimedBefore} null, at the start), or those claimed before {@code
     * claimedBefore} (the repair of a round: the instance that claims a step sends it at once, so
     * only a step whose claimer died or failed is still unsent a while later).
     */
    void sendPending(long callId, Instant claimedBefore) {
        Instant before = claimedBefore == null ? clock.instant() : claimedBefore;
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>list(
                                "callId = ?1 and (state = ?2 and sentStep < 0 and messagedAt <= ?5"
                                        + " or state = ?3 and sentStep < 1 and backupAt <= ?5"
                                        + " or state = ?4 and sentStep < 2 and superiorAt <= ?5) order by id",
                                callId,
                                DutyEntry.State.WAITING,
                                DutyEntry.State.BACKUP,
                                DutyEntry.State.SUPERIOR,
                                before)
                        .stream()
                        .map(e -> e.id)
                        .toList());
        ids.forEach(this::sendOrLeave);
    }

    private void sendOrLeave(long entryId) {
        try {
            send(entryId);
        } catch (RuntimeException e) {
            // Left unsent: a later round's repair dispatches the same reference again.
            LOG.warnf(e, "叫应 entry %d: SMS not handed to the outbox yet, tried again: %s", entryId, e.getMessage());
        }
    }

    /**
     * Sends the entry's steps after {@code sent_step} up to the one it is at, in order (a round that
     * found both waits passed claims the backup and the superior together; both are messaged).
     */
    private void send(long entryId) {
        int[] range = QuarkusTransaction.requiringNew().call(() -> {
            DutyEntry e = DutyEntry.findById(entryId);
            return e == null || !e.state.open() ? null : new int[] {e.sentStep + 1, at(e.state)};
        });
        if (range == null) {
            return;
        }
        for (int step = range[0]; step <= range[1]; step++) {
            int n = step;
            Step s = QuarkusTransaction.requiringNew().call(() -> step(entryId, n));
            if (s == null) {
                return; // answered or closed meanwhile: nothing more to send
            }
            if (s.to() != null) {
                sms.dispatch(
                        new SmsDispatchRequest(ref(entryId, n), s.body(), Map.of(), Urgency.URGENT, null, SYSTEM),
                        // The recipient key is the person's id negated, so it never names a resident.
                        Stream.of(new Recipient(-s.to().id, s.to().mobile, s.to().language)));
                if (s.call()) {
                    // Queued once per (entry, step, attempt); placed by placeDue, paced.
                    voice.queue(entryId, n, s.to().id, 1, clock.instant());
                    // At once, not after the whole wave is texted: the first call must ring within seconds.
                    voice.placeSoon();
                }
            }
            QuarkusTransaction.requiringNew()
                    .run(() -> DutyEntry.update("sentStep = ?1 where id = ?2 and sentStep < ?1", n, entryId));
        }
    }

    private static int at(DutyEntry.State state) {
        return switch (state) {
            case BACKUP -> DutyEntry.BACKUP_STEP;
            case SUPERIOR -> DutyEntry.SUPERIOR_STEP;
            default -> DutyEntry.PRIMARY;
        };
    }

    static String ref(long entryId, int step) {
        return "duty-" + entryId + "-" + step;
    }

    private Step step(long entryId, int step) {
        DutyEntry e = DutyEntry.findById(entryId);
        if (e == null || !e.state.open() || e.sentStep >= step) {
            return null;
        }
        DutyCall call = DutyCall.findById(e.callId);
        Broadcast b = Broadcast.findById(call.broadcastId);
        DutyPerson primary = DutyPerson.findById(e.personId);
        Long toId = step == DutyEntry.PRIMARY
                ? Long.valueOf(e.personId)
                : step == DutyEntry.BACKUP_STEP ? e.backupId : e.superiorId;
        DutyPerson to = toId == null ? null : DutyPerson.findById(toId);
        if (to == null) {
            return new Step(null, null, false);
        }
        String warning = warningText(b, to.language);
        Optional<String> link = links.link(e.id, to.id);
        String body;
        if (step == DutyEntry.PRIMARY) {
            body = DutyTexts.primary(warning, to.language, link);
        } else {
            Area area = Area.findById(primary.areaId);
            DutyTexts.Silent silent =
                    new DutyTexts.Silent(primary.name, primary.role.titleAfterArea(to.language), area.name);
            body = step == DutyEntry.BACKUP_STEP
                    ? DutyTexts.backup(warning, to.language, silent, link)
                    : DutyTexts.superior(
                            warning, to.language, silent, Duration.between(e.messagedAt, e.superiorAt), link);
        }
        return new Step(to, body, policy.rule(call.colour).calls());
    }

    /** The broadcast's SMS in this language, else in its own; the spoken script when it sends no SMS. */
    private String warningText(Broadcast b, String language) {
        Map<String, String> bodies = smsTexts.bodies(b);
        String text = bodies.getOrDefault(language, bodies.get(b.language));
        if (text == null) {
            text = b.smsText != null ? b.smsText : b.speakerScript;
        }
        return text == null ? "" : text;
    }

    // --- escalation -----------------------------------------------------------------------------

    /**
     * One round: claims every step whose wait has passed without an answer, messages it, repairs
     * unsent steps and closes what is done. Safe to run on several instances at once.
     *
     * @return how many steps this round claimed
     */
    public int escalate() {
        Instant now = clock.instant();
        startMissed(now);
        List<DutyCall> open = QuarkusTransaction.requiringNew()
                .call(() -> DutyCall.<DutyCall>list("state = ?1 order by id", DutyCall.State.OPEN));
        int claimed = 0;
        for (DutyCall call : open) {
            try {
                DutyPolicy.Rule rule = policy.rule(call.colour);
                List<Long> mine = new ArrayList<>(claim(
                        call.id, DutyEntry.State.WAITING, DutyEntry.State.BACKUP, now.minus(rule.backupAfter()), now));
                mine.addAll(claim(
                        call.id,
                        DutyEntry.State.BACKUP,
                        DutyEntry.State.SUPERIOR,
                        now.minus(rule.superiorAfter()),
                        now));
                claimed += mine.size();
                mine.stream().distinct().forEach(this::sendOrLeave);
                sendPending(call.id, now.minus(REPAIR_AFTER));
                QuarkusTransaction.requiringNew().run(() -> closeIfDone(call.id, now));
            } catch (RuntimeException e) {
                // One call's failure never stops the others; the next round tries it again.
                LOG.warnf(e, "叫应 %d: escalation round failed, tried again: %s", call.id, e.getMessage());
            }
        }
        // Calls due (first attempts and retries) are placed on their own thread, paced.
        voice.placeSoon();
        return claimed;
    }

    /**
     * Starts 叫应 for broadcasts approved within {@code close-after} that have none: the approval's
     * own start runs after its commit, so an instance that died in between left it to this.
     */
    private void startMissed(Instant now) {
        List<Long> missed = QuarkusTransaction.requiringNew()
                .call(() -> Broadcast.<Broadcast>list(
                                "status in ?1 and capStatus = ?2 and updatedAt >= ?3"
                                        + " and id not in (select c.broadcastId from DutyCall c)",
                                List.of(
                                        BroadcastStatus.APPROVED,
                                        BroadcastStatus.DISPATCHING,
                                        BroadcastStatus.DELIVERING,
                                        BroadcastStatus.COMPLETED),
                                CapStatus.ACTUAL,
                                now.minus(config.closeAfter()))
                        .stream()
                        .filter(b -> policy.starts(b.warningColour()))
                        .map(b -> b.id)
                        .toList());
        for (long id : missed) {
            try {
                start(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "叫应 of broadcast %d not started yet, tried again: %s", id, e.getMessage());
            }
        }
    }

    /** Moves due entries from {@code from} to {@code to}, each by a conditional UPDATE; returns those this instance moved. */
    private List<Long> claim(
            long callId, DutyEntry.State from, DutyEntry.State to, Instant messagedBefore, Instant now) {
        List<Long> due = QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>list(
                                "callId = ?1 and state = ?2 and messagedAt <= ?3 order by id",
                                callId,
                                from,
                                messagedBefore)
                        .stream()
                        .map(e -> e.id)
                        .toList());
        List<Long> moved = new ArrayList<>();
        for (long id : due) {
            boolean mine = QuarkusTransaction.requiringNew().call(() -> {
                DutyEntry e = DutyEntry.findById(id);
                DutyPerson primary = DutyPerson.findById(e.personId);
                Long target;
                String note;
                if (to == DutyEntry.State.BACKUP) {
                    LocalDate day = LocalDate.ofInstant(DutyCall.<DutyCall>findById(e.callId).startedAt, zone);
                    target = DutyPerson.backupOf(primary, day).map(p -> p.id).orElse(null);
                    note = target != null
                            ? null
                            : DutyPerson.backupOf(primary, null).isPresent()
                                    ? "no backup (B角) on duty on " + day
                                    : "no backup (B角) on the roster";
                } else {
                    target = primary.superiorId;
                    note = target == null ? "no superior on the roster" : null;
                }
                String set = to == DutyEntry.State.BACKUP
                        ? "state = ?1, backupId = ?2, backupAt = ?3"
                        : "state = ?1, superiorId = ?2, superiorAt = ?3";
                String notes = note == null ? e.note : e.note == null ? note : e.note + "; " + note;
                int rows = DutyEntry.update(
                        set + ", note = ?4 where id = ?5 and state = ?6", to, target, now, notes, id, from);
                if (rows == 1) {
                    audit.record(
                            SYSTEM,
                            "duty.escalate",
                            "duty-entry:" + id,
                            (to == DutyEntry.State.BACKUP ? "backup" : "superior") + ": "
                                    + (target == null ? note : "person " + target));
                }
                return rows == 1;
            });
            if (mine) {
                moved.add(id);
                metrics.counter("tocsin.duty.escalations", "step", to == DutyEntry.State.BACKUP ? "backup" : "superior")
                        .increment();
            }
        }
        return moved;
    }

    private void closeIfDone(long callId, Instant now) {
        DutyCall call = DutyCall.findById(callId);
        if (call == null || call.state != DutyCall.State.OPEN) {
            return;
        }
        long open = DutyEntry.count("callId = ?1 and state in ?2", callId, OPEN);
        if (open == 0) {
            close(call, now, "every responsible person reached has answered");
        } else if (!call.startedAt.plus(config.closeAfter()).isAfter(now)) {
            close(call, now, "closed " + config.closeAfter().toHours() + " h after the start; " + open + " unanswered");
        }
    }

    private static void close(DutyCall call, Instant now, String reason) {
        DutyEntry.update("state = ?1 where callId = ?2 and state in ?3", DutyEntry.State.CLOSED, call.id, OPEN);
        call.state = DutyCall.State.CLOSED;
        call.closedAt = now;
        call.closedReason = reason;
    }

    /** Closes a broadcast's open 叫应 (cancelled, or superseded by an update). */
    public void closeForBroadcast(long broadcastId, String reason) {
        QuarkusTransaction.requiringNew()
                .run(() -> DutyCall.forBroadcast(broadcastId)
                        .filter(c -> c.state == DutyCall.State.OPEN)
                        .ifPresent(c -> {
                            close(c, clock.instant(), reason);
                            audit.record(SYSTEM, "duty.close", "broadcast:" + broadcastId, reason);
                        }));
    }

    // --- answers --------------------------------------------------------------------------------

    /** How an answer attempt ended. */
    enum Answered {
        /** Only from {@link #peek}: the person may answer now. */
        OPEN,
        RECORDED,
        ALREADY_ANSWERED,
        CLOSED,
        NOT_ON_ENTRY
    }

    /** What {@link #answer} would find now, without recording anything. */
    @Transactional
    Answered peek(long entryId, long personId) {
        DutyEntry e = DutyEntry.findById(entryId);
        if (e == null
                || !(e.personId == personId
                        || Long.valueOf(personId).equals(e.backupId)
                        || Long.valueOf(personId).equals(e.superiorId))) {
            return Answered.NOT_ON_ENTRY;
        }
        if (e.state == DutyEntry.State.ANSWERED) {
            return Answered.ALREADY_ANSWERED;
        }
        DutyCall call = DutyCall.findById(e.callId);
        return e.state.open() && call.state == DutyCall.State.OPEN ? Answered.OPEN : Answered.CLOSED;
    }

    /**
     * Records {@code personId}'s answer on an entry if it is open; the first answer of a call
     * records the time to first answer.
     */
    @Transactional
    Answered answer(long entryId, long personId, AnswerChannel channel) {
        DutyEntry e = DutyEntry.findById(entryId);
        if (e == null
                || !(e.personId == personId
                        || Long.valueOf(personId).equals(e.backupId)
                        || Long.valueOf(personId).equals(e.superiorId))) {
            return Answered.NOT_ON_ENTRY;
        }
        if (e.state == DutyEntry.State.ANSWERED) {
            return Answered.ALREADY_ANSWERED;
        }
        DutyCall call = DutyCall.findById(e.callId);
        if (!e.state.open() || call.state != DutyCall.State.OPEN) {
            return Answered.CLOSED;
        }
        Instant now = clock.instant();
        int rows = DutyEntry.update(
                "state = ?1, answeredAt = ?2, answeredBy = ?3, answerChannel = ?4 where id = ?5 and state in ?6",
                DutyEntry.State.ANSWERED,
                now,
                personId,
                channel,
                entryId,
                OPEN);
        if (rows != 1) {
            return Answered.ALREADY_ANSWERED;
        }
        metrics.counter("tocsin.duty.answers", "channel", channel.id()).increment();
        // Each entry's time to answer, with 5 and 10 minute buckets: with tocsin.duty.reached, the
        // share answered within 5 and within 10 minutes.
        Timer.builder("tocsin.duty.answer")
                .tag("colour", call.colour.id())
                .serviceLevelObjectives(Duration.ofMinutes(5), Duration.ofMinutes(10))
                .register(metrics)
                .record(Duration.between(e.messagedAt, now));
        if (DutyCall.update("firstAnswerAt = ?1 where id = ?2 and firstAnswerAt is null", now, call.id) == 1) {
            metrics.timer("tocsin.duty.first.answer", "colour", call.colour.id())
                    .record(Duration.between(call.startedAt, now));
        }
        audit.record(SYSTEM, "duty.answer", "duty-entry:" + entryId, "person " + personId + " by " + channel.id());
        return Answered.RECORDED;
    }

    /**
     * The open entry a person's SMS answers: among the open 叫应 that messaged this mobile (as
     * primary, or as backup or superior once escalated to), the one that messaged it last.
     */
    Optional<Map.Entry<DutyEntry, Long>> latestOpenFor(List<DutyPerson> persons) {
        List<Long> ids = persons.stream().map(p -> p.id).toList();
        List<DutyEntry> entries = DutyEntry.list(
                "state in ?1 and (personId in ?2 or backupId in ?2 or superiorId in ?2)"
                        + " and callId in (select c.id from DutyCall c where c.state = ?3)",
                OPEN,
                ids,
                DutyCall.State.OPEN);
        Map.Entry<DutyEntry, Long> best = null;
        Instant bestAt = null;
        for (DutyEntry e : entries) {
            for (Map.Entry<Long, Instant> asked : asked(e)) {
                if (ids.contains(asked.getKey())
                        && (bestAt == null || asked.getValue().isAfter(bestAt))) {
                    best = Map.entry(e, asked.getKey());
                    bestAt = asked.getValue();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Who an entry has messaged and when. */
    private static List<Map.Entry<Long, Instant>> asked(DutyEntry e) {
        List<Map.Entry<Long, Instant>> out = new ArrayList<>();
        out.add(Map.entry(e.personId, e.messagedAt));
        if (e.backupId != null) {
            out.add(Map.entry(e.backupId, e.backupAt));
        }
        if (e.superiorId != null) {
            out.add(Map.entry(e.superiorId, e.superiorAt));
        }
        return out;
    }

    /**
     * The primary persons on duty: by rota where one covers the day; a post (area and role)
     * whose rota covers no one that day is a gap in the roster, and a warning must not skip a
     * village for it, so all of that post's primaries are reached.
     */
    static List<DutyPerson> onDuty(List<DutyPerson> primaries, LocalDate day) {
        java.util.Set<String> gaps = new java.util.HashSet<>(uncovered(primaries, day));
        return primaries.stream()
                .filter(p -> p.onDuty(day) || gaps.contains(post(p)))
                .toList();
    }

    /** Posts ("area/role") none of whose primaries is on duty on the day. */
    static List<String> uncovered(List<DutyPerson> primaries, LocalDate day) {
        java.util.Map<String, Boolean> covered = new java.util.LinkedHashMap<>();
        for (DutyPerson p : primaries) {
            covered.merge(post(p), p.onDuty(day), Boolean::logicalOr);
        }
        return covered.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    private static String post(DutyPerson p) {
        return p.areaId + "/" + p.role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
