package dev.tocsin.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.AudienceQuery;
import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.compose.Renditions;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.recording.RecordingService;
import dev.tocsin.schedule.QuietHours;
import dev.tocsin.schedule.ScheduleExpander;
import dev.tocsin.schedule.ScheduleKind;
import dev.tocsin.schedule.ScheduleSpec;
import dev.tocsin.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Owns the broadcast lifecycle: create, submit, approve (two-person rule, renditions frozen,
 * occurrences planned), reject, cancel and update (a new broadcast that supersedes the old one
 * when approved). Every transition is audited.
 */
@ApplicationScoped
@Transactional
public class BroadcastService {

    private static final Logger LOG = Logger.getLogger(BroadcastService.class);

    private final ComposeService compose;
    private final SmsTexts smsTexts;
    private final ScheduleExpander expander;
    private final QuietHours quietHours;
    private final AuditLog audit;
    private final BroadcastConfig config;
    private final ObjectMapper json;
    private final EntityManager em;
    private final Clock clock;
    private final Event<BroadcastChanged> changes;
    private final AudioCatalog voices;

    private final BroadcastLifecycle lifecycle;
    private final Validator validator;
    private final ScheduleVariables scheduleVariables;

    private final RecordingService recordings;

    BroadcastService(
            ComposeService compose,
            SmsTexts smsTexts,
            ScheduleExpander expander,
            QuietHours quietHours,
            AuditLog audit,
            BroadcastConfig config,
            ObjectMapper json,
            EntityManager em,
            Clock clock,
            Event<BroadcastChanged> changes,
            AudioCatalog voices,
            BroadcastLifecycle lifecycle,
            Validator validator,
            ScheduleVariables scheduleVariables,
            RecordingService recordings) {
        this.scheduleVariables = scheduleVariables;
        this.recordings = recordings;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.compose = compose;
        this.smsTexts = smsTexts;
        this.expander = expander;
        this.quietHours = quietHours;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.em = em;
        this.clock = clock;
        this.changes = changes;
        this.voices = voices;
    }

    /**
     * A planned firing as the preview and the approval compute it; {@code channel} is the one
     * channel it fires, or null for every channel of the broadcast.
     */
    public record PlannedOccurrence(
            Instant dueAt, Instant shiftedFrom, String shiftReason, boolean skipped, Channel channel) {}

    /**
     * A new draft. A loudspeaker channel this installation cannot speak is refused (409 naming the
     * voice profile and why) so that no channel is skipped unnoticed; SMS alone stays possible.
     */
    public Broadcast create(String actor, BroadcastRequest request) {
        return create(actor, request, false);
    }

    /**
     * A draft made by a machine (a CAP rule): never lost because a channel cannot be delivered here.
     * Such a draft keeps the channel, flagged in {@code channelProblem}, and waits as a draft for
     * staff to revise it; a draft without a problem is submitted for approval at once.
     */
    public Broadcast draftForAlert(String actor, BroadcastRequest request) {
        Broadcast b = create(actor, request, true);
        if (b.channelProblem == null) {
            submit(actor, b.id);
        }
        return b;
    }

    private Broadcast create(String actor, BroadcastRequest request, boolean flagChannelProblem) {
        Broadcast b = new Broadcast();
        apply(b, request);
        String problem = speakerProblem(b).orElse(null);
        if (problem != null && !flagChannelProblem) {
            throw refusedChannel(problem);
        }
        b.channelProblem = problem;
        Instant now = clock.instant();
        b.status = BroadcastStatus.DRAFT;
        b.createdBy = actor;
        b.createdAt = now;
        b.updatedAt = now;
        b.persist();
        audit.record(actor, "broadcast.create", subject(b), describe(b));
        if (problem != null) {
            LOG.warnf("Broadcast %d drafted with a channel that cannot be delivered here: %s", b.id, problem);
            audit.record(actor, "broadcast.channel-flagged", subject(b), problem);
        }
        return b;
    }

    /** Why the broadcast's loudspeaker channel cannot be spoken on this installation; empty when it can. */
    public Optional<String> speakerProblem(Broadcast b) {
        if (!b.sends(Channel.LOUDSPEAKER)) {
            return Optional.empty();
        }
        String dialect = b.dialect;
        if (dialect == null) {
            Renditions r = render(b);
            dialect = r.loudspeaker() == null ? null : r.loudspeaker().dialect();
        }
        String profile = AudioService.voiceProfileFor(b.language, dialect);
        var voice = voices.templates().profile(profile);
        if (voice.isEmpty()) {
            return Optional.of("loudspeaker: voice profile '" + profile + "' is not known on this installation");
        }
        AudioCatalog.ProfileStatus status = voices.status(voice.get());
        return status.available()
                ? Optional.empty()
                : Optional.of("loudspeaker: voice profile '" + profile + "' cannot be spoken on this installation ("
                        + status.detail() + ")");
    }

    private static ProblemException refusedChannel(String problem) {
        return ProblemException.conflict(
                "channels", problem + "; send it by SMS only, or install the speech engine the profile needs");
    }

    /** An update: a new broadcast, submitted for approval, that supersedes {@code id} once approved. */
    public Broadcast update(String actor, long id, BroadcastRequest request) {
        Broadcast old = find(id);
        if (!old.status.updatable()) {
            throw ProblemException.conflict(
                    "status", "a " + old.status.name().toLowerCase() + " broadcast cannot be updated");
        }
        Broadcast b = create(actor, request);
        b.supersedesId = old.id;
        transition(actor, b, BroadcastStatus.PENDING_APPROVAL, "update of broadcast " + old.id);
        b.submittedBy = actor;
        return b;
    }

    public Broadcast submit(String actor, long id) {
        Broadcast b = find(id);
        if (!b.status.canBecome(BroadcastStatus.PENDING_APPROVAL)) {
            throw illegal(b, BroadcastStatus.PENDING_APPROVAL);
        }
        Optional<String> problem = speakerProblem(b);
        if (problem.isPresent()) {
            throw refusedChannel(problem.get());
        }
        b.channelProblem = null;
        transition(actor, b, BroadcastStatus.PENDING_APPROVAL, null);
        b.submittedBy = actor;
        return flushed(b);
    }

    /**
     * Revises a rejected broadcast (or a draft, e.g. a CAP draft with a flagged channel) and sends it
     * back to approval. {@code request}, when given, replaces the content, audience and schedule; the
     * rejection comment stays on the broadcast and in its timeline for the approver to read.
     */
    public Broadcast revise(String actor, long id, BroadcastRequest request) {
        Broadcast b = find(id);
        if (!b.status.revisable()) {
            throw ProblemException.conflict(
                    "status",
                    "a " + b.status.name().toLowerCase(Locale.ROOT)
                            + " broadcast cannot be revised; only a rejected or draft one can");
        }
        if (request != null) {
            apply(b, request);
        } else {
            for (String code : audienceAreas(b)) {
                if (dev.tocsin.audience.Area.findByCode(code).isEmpty()) {
                    throw ProblemException.conflict(
                            "audience.areaCodes",
                            "area '" + code + "' no longer exists; revise the broadcast with a new audience");
                }
            }
        }
        Optional<String> problem = speakerProblem(b);
        if (problem.isPresent()) {
            throw refusedChannel(problem.get());
        }
        b.channelProblem = null;
        String rejection = b.status == BroadcastStatus.REJECTED ? b.statusComment : null;
        transition(
                actor,
                b,
                BroadcastStatus.PENDING_APPROVAL,
                rejection == null ? "revised" : "revised after rejection (\"" + rejection + "\")");
        b.submittedBy = actor;
        audit.record(actor, "broadcast.revise", subject(b), describe(b));
        return flushed(b);
    }

    public Broadcast approve(String actor, Set<Role> roles, long id) {
        Broadcast b = find(id);
        if (b.status != BroadcastStatus.PENDING_APPROVAL) {
            throw illegal(b, BroadcastStatus.APPROVED);
        }
        if (actor.equals(b.submittedBy) || actor.equals(b.createdBy)) {
            boolean selfAllowed = b.urgency.urgent() && roles.contains(Role.ADMIN) && config.adminUrgentSelfApprove();
            if (!selfAllowed) {
                throw ProblemException.forbidden("two-person rule: " + actor
                        + " wrote or submitted this broadcast, so another approver must approve it");
            }
            LOG.warnf(
                    "Admin %s approved their own URGENT broadcast %d (tocsin.broadcast.admin-urgent-self-approve=true)",
                    actor, b.id);
            audit.record(actor, "broadcast.self-approve", subject(b), "URGENT self-approval by an admin");
        }
        Optional<String> problem = speakerProblem(b);
        if (problem.isPresent()) {
            throw refusedChannel(problem.get());
        }
        Renditions r = render(b);
        List<SmsTexts.Text> texts = smsTexts(b, r);
        b.smsText = r.sms().text();
        b.speakerScript = r.loudspeaker().after();
        b.dialect = r.loudspeaker().dialect();
        b.approvedBy = actor;
        transition(
                actor,
                b,
                BroadcastStatus.APPROVED,
                "renditions frozen"
                        + (texts.size() > 1
                                ? ", SMS in "
                                        + texts.stream()
                                                .map(SmsTexts.Text::language)
                                                .toList()
                                : ""));
        flushed(b);
        smsTexts.freeze(b, texts);
        List<PlannedOccurrence> planned = plan(b, schedule(b), channelSchedules(b), audienceAreas(b));
        for (PlannedOccurrence p : planned) {
            Occurrence o = new Occurrence();
            o.broadcastId = b.id;
            o.channel = p.channel();
            o.dueAt = p.dueAt();
            o.shiftedFrom = p.shiftedFrom();
            o.shiftReason = p.shiftReason();
            o.state = p.skipped() ? OccurrenceState.SKIPPED : OccurrenceState.PLANNED;
            o.outcome = p.skipped() ? "skipped: inside " + p.shiftReason() : null;
            o.persist();
        }
        if (planned.stream().allMatch(PlannedOccurrence::skipped)) {
            transition(actor, b, BroadcastStatus.COMPLETED, "every occurrence falls in quiet hours and is skipped");
        }
        Long superseded = null;
        if (b.supersedesId != null) {
            Broadcast old = Broadcast.findById(b.supersedesId);
            if (old != null && old.status.canBecome(BroadcastStatus.SUPERSEDED)) {
                transition(actor, old, BroadcastStatus.SUPERSEDED, "superseded by broadcast " + b.id);
                superseded = old.id;
            }
        }
        flushed(b);
        changes.fire(BroadcastChanged.approved(b.id, superseded));
        return b;
    }

    public Broadcast reject(String actor, long id, String comment) {
        if (comment == null || comment.isBlank()) {
            throw ProblemException.badRequest("comment", "say why the broadcast is rejected");
        }
        if (comment.length() > 1000) {
            throw ProblemException.badRequest("comment", "must be at most 1000 characters");
        }
        Broadcast b = find(id);
        transition(actor, b, BroadcastStatus.REJECTED, comment.strip());
        b.statusComment = comment.strip();
        return flushed(b);
    }

    public Broadcast cancel(String actor, long id, String reason) {
        if (reason != null && reason.length() > 1000) {
            throw ProblemException.badRequest("reason", "must be at most 1000 characters");
        }
        Broadcast b = find(id);
        String why = reason == null || reason.isBlank() ? "cancelled by " + actor : reason.strip();
        transition(actor, b, BroadcastStatus.CANCELLED, why);
        b.statusComment = why;
        flushed(b);
        changes.fire(BroadcastChanged.cancelled(b.id, why));
        flushed(b);
        return b;
    }

    /** Expands and places a schedule without saving anything (the schedule preview of API and console). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlannedOccurrence> preview(SchedulePreview r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        if (r.schedule() == null) {
            throw ProblemException.badRequest("schedule", "is required");
        }
        Broadcast b = new Broadcast();
        b.channels(r.channels() == null ? Set.of() : r.channels());
        b.urgency = r.priority() == null ? Urgency.ROUTINE : r.priority();
        b.capStatus = r.status() == null ? CapStatus.ACTUAL : r.status();
        b.quietPolicy = r.quietHours() == null ? QuietPolicy.WAIT : r.quietHours();
        checkChannelSchedules(b.channels(), r.schedule(), r.channelSchedules());
        return plan(b, r.schedule(), r.channelSchedules(), r.areaCodes() == null ? List.of() : r.areaCodes());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Broadcast find(long id) {
        Broadcast b = Broadcast.findById(id);
        if (b == null) {
            throw ProblemException.notFound("no broadcast " + id);
        }
        return b;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Broadcast> list(BroadcastStatus status, Instant from, Instant to) {
        StringBuilder q = new StringBuilder("1 = 1");
        var params = new java.util.HashMap<String, Object>();
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        if (from != null) {
            q.append(" and createdAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            q.append(" and createdAt < :to");
            params.put("to", to);
        }
        return Broadcast.<Broadcast>find(q + " order by createdAt desc, id desc", params)
                .page(0, 500)
                .list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Occurrence> occurrences(long broadcastId) {
        return Occurrence.list("broadcastId = ?1 order by dueAt, id", broadcastId);
    }

    public ScheduleSpec schedule(Broadcast b) {
        return read(b.scheduleJson, ScheduleSpec.class);
    }

    /** The channels with their own times, by channel id; null when every channel follows {@link #schedule}. */
    public Map<String, ScheduleSpec> channelSchedules(Broadcast b) {
        if (b.channelSchedulesJson == null) {
            return null;
        }
        try {
            return json.readValue(b.channelSchedulesJson, new TypeReference<Map<String, ScheduleSpec>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored channel schedules unreadable for broadcast " + b.id, e);
        }
    }

    public AudienceQuery audience(Broadcast b) {
        BroadcastRequest.Audience a = read(b.audienceJson, BroadcastRequest.Audience.class);
        return new AudienceQuery(a.areaCodes(), a.tags(), a.languages(), b.capStatus.testOnly(), false);
    }

    /**
     * The SMS audience as firing reads it: an urgent real alert also reaches opted-out numbers
     * where the deployment allows it; everything else leaves them out.
     */
    public static AudienceQuery smsAudience(AudienceQuery q, Broadcast b, boolean overrideAllowed) {
        return new AudienceQuery(
                q.areaCodes(),
                q.tags(),
                q.languages(),
                q.testOnly(),
                b.urgency.urgent() && b.capStatus == CapStatus.ACTUAL && overrideAllowed);
    }

    private List<String> audienceAreas(Broadcast b) {
        return audience(b).areaCodes();
    }

    /**
     * Expands each channel's schedule and places every firing in that channel's own quiet hours:
     * SMS quiet hours never move a loudspeaker play. Channels whose firing lands at the same time
     * share one occurrence (channel null); otherwise each channel gets its own.
     */
    private List<PlannedOccurrence> plan(
            Broadcast b, ScheduleSpec spec, Map<String, ScheduleSpec> overrides, List<String> areas) {
        Set<Channel> channels = b.channels();
        Map<ScheduleSpec, Set<Channel>> bySpec = new LinkedHashMap<>();
        for (Channel c : channels) {
            ScheduleSpec own = overrides == null ? null : overrides.get(c.id());
            bySpec.computeIfAbsent(own == null ? spec : own, k -> EnumSet.noneOf(Channel.class))
                    .add(c);
        }
        if (bySpec.isEmpty()) {
            bySpec.put(spec, EnumSet.noneOf(Channel.class)); // a preview without channels: no quiet hours
        }
        List<PlannedOccurrence> out = new ArrayList<>();
        for (Map.Entry<ScheduleSpec, Set<Channel>> e : bySpec.entrySet()) {
            String field = e.getKey() == spec
                    ? "schedule"
                    : "channelSchedules." + e.getValue().iterator().next().id();
            ZoneId zone = expandIn(field, () -> expander.zone(e.getKey()));
            for (Instant due : expandIn(field, () -> expander.expand(e.getKey(), clock.instant()))) {
                out.addAll(place(b, due, zone, e.getValue(), areas));
            }
        }
        out.sort(Comparator.comparing(PlannedOccurrence::dueAt));
        return out;
    }

    /** One firing of {@code group}: each channel placed in its own quiet hours, equal placements merged. */
    private List<PlannedOccurrence> place(
            Broadcast b, Instant due, ZoneId zone, Set<Channel> group, List<String> areas) {
        boolean urgent = b.urgency.urgent();
        boolean exercise = b.capStatus != CapStatus.ACTUAL;
        Map<PlannedOccurrence, Set<Channel>> placed = new LinkedHashMap<>();
        List<Set<Channel>> singles = group.isEmpty()
                ? List.of(Set.of())
                : group.stream().map(Set::of).toList();
        for (Set<Channel> one : singles) {
            QuietHours.Placement p = quietHours.place(due, zone, one, areas, urgent, exercise);
            boolean skip = p.shifted() && b.quietPolicy == QuietPolicy.SKIP;
            PlannedOccurrence key = skip
                    ? new PlannedOccurrence(due, null, p.reason(), true, null)
                    : new PlannedOccurrence(p.dueAt(), p.shiftedFrom(), p.reason(), false, null);
            placed.computeIfAbsent(key, k -> EnumSet.noneOf(Channel.class)).addAll(one);
        }
        boolean everyChannel = placed.size() == 1 && group.equals(b.channels());
        List<PlannedOccurrence> out = new ArrayList<>();
        for (Map.Entry<PlannedOccurrence, Set<Channel>> e : placed.entrySet()) {
            PlannedOccurrence p = e.getKey();
            Channel only = everyChannel || e.getValue().size() != 1
                    ? null
                    : e.getValue().iterator().next();
            out.add(new PlannedOccurrence(p.dueAt(), p.shiftedFrom(), p.shiftReason(), p.skipped(), only));
        }
        return out;
    }

    /** Runs a schedule step, naming {@code field} (schedule or channelSchedules.&lt;id&gt;) in what it refuses. */
    private static <T> T expandIn(String field, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemException e) {
            if (field.equals("schedule") || e.problem().field() == null) {
                throw e;
            }
            String named = e.problem().field().replaceFirst("^schedule", field);
            throw ProblemException.badRequest(named, e.problem().detail().replace("schedule.", field + "."));
        }
    }

    /**
     * A channel's own times must name a channel the broadcast sends; {@code schedule} must still
     * cover at least one channel, so that nothing the operator wrote is silently unused.
     */
    private static void checkChannelSchedules(
            Set<Channel> channels, ScheduleSpec schedule, Map<String, ScheduleSpec> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return;
        }
        Set<Channel> own = EnumSet.noneOf(Channel.class);
        for (Map.Entry<String, ScheduleSpec> e : overrides.entrySet()) {
            String field = "channelSchedules." + e.getKey();
            Channel c;
            try {
                c = Channel.of(e.getKey());
            } catch (IllegalArgumentException notChannel) {
                throw ProblemException.badRequest(field, "is not a channel; use sms, loudspeaker or voice");
            }
            if (!channels.contains(c)) {
                throw ProblemException.badRequest(field, "the broadcast does not send " + c.id() + " (see channels)");
            }
            if (e.getValue() == null || e.getValue().kind() == null) {
                throw ProblemException.badRequest(
                        field + ".kind", "must be one of now, once, recurring, cron, seasonal");
            }
            own.add(c);
        }
        if (own.containsAll(channels)) {
            throw ProblemException.badRequest(
                    "channelSchedules",
                    "gives every channel its own times, so schedule would never be used: put one channel's times in schedule");
        }
    }

    private void apply(Broadcast b, BroadcastRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean hasTemplate = r.templateId() != null && !r.templateId().isBlank();
        boolean hasText = r.text() != null && !r.text().isBlank();
        if (hasTemplate == hasText) {
            errors.add(new Problem.FieldError("templateId", "give either templateId or text"));
        }
        if (r.channels() != null
                && r.channels().contains(Channel.VOICE)
                && !r.urgency().urgent()) {
            errors.add(new Problem.FieldError(
                    "channels", "voice calls are for urgent broadcasts only: set priority urgent or leave voice out"));
        }
        if (hasTemplate && !isBlank(r.keyInstruction())) {
            errors.add(new Problem.FieldError("keyInstruction", "only for free text; a template has its own"));
        }
        if (hasTemplate && !isBlank(r.textEn())) {
            errors.add(new Problem.FieldError("textEn", "only for free text; a template has its own English SMS"));
        }
        if (hasText && !isBlank(r.textEn()) && "en".equals(r.language())) {
            errors.add(new Problem.FieldError("textEn", "the broadcast is already in English; leave textEn out"));
        }
        validator.validate(r).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        b.channels(r.channels());
        b.urgency = r.urgency();
        b.capStatus = r.capStatus();
        b.quietPolicy = r.quietPolicy();
        b.colour = r.colour();
        b.templateId = hasTemplate ? r.templateId() : null;
        b.templateVersion = hasTemplate ? r.templateVersion() : null;
        b.variablesJson = hasTemplate ? write(r.variables() == null ? java.util.Map.of() : r.variables()) : null;
        b.freeText = hasText ? r.text().strip() : null;
        b.freeTextEn = hasText && !isBlank(r.textEn()) ? r.textEn().strip() : null;
        b.keyInstruction =
                hasText && !isBlank(r.keyInstruction()) ? r.keyInstruction().strip() : null;
        b.title = !isBlank(r.title()) ? r.title().strip() : hasText ? FreeTextTitles.firstWords(b.freeText) : null;
        b.language = r.language();
        b.dialect = r.dialect();
        b.audienceJson = write(r.audience());
        b.scheduleJson = write(r.schedule());
        checkChannelSchedules(b.channels(), r.schedule(), r.channelSchedules());
        b.channelSchedulesJson =
                r.channelSchedules() == null || r.channelSchedules().isEmpty()
                        ? null
                        : write(new java.util.TreeMap<>(r.channelSchedules()));
        checkRepeat(r);
        b.repeatYearly = r.repeatsYearly();
        b.recordingId = recording(r);
        Renditions rendered = render(b);
        // Every language's SMS is checked now, so approval does not find a broken one late.
        smsTexts(b, rendered);
        b.severity = rendered.cap() == null ? null : rendered.cap().severity();
        // Validates areas and the schedule now, so a draft that can never fire is refused at once.
        plan(b, r.schedule(), r.channelSchedules(), r.audience().areaCodes());
        for (String code : r.audience().areaCodes()) {
            if (dev.tocsin.audience.Area.findByCode(code).isEmpty()) {
                throw ProblemException.badRequest("audience.areaCodes", "no area with code '" + code + "'");
            }
        }
    }

    /** A notice recording for the loudspeakers: it must exist, not be deleted, and have horns to play on. */
    private Long recording(BroadcastRequest r) {
        if (r.recordingId() == null) {
            return null;
        }
        if (!r.channels().contains(Channel.LOUDSPEAKER)) {
            throw ProblemException.badRequest(
                    "recordingId", "is loudspeaker audio, but the broadcast does not use the loudspeaker channel");
        }
        return recordings.usableNotice(r.recordingId(), "recordingId").id;
    }

    /**
     * A broadcast that repeats every year needs a schedule that names its year (seasonal or
     * campaign, for every channel) and dates taken from it: a fixed date would be wrong next year.
     */
    private void checkRepeat(BroadcastRequest r) {
        if (!r.repeatsYearly()) {
            return;
        }
        List<ScheduleSpec> specs = new ArrayList<>();
        specs.add(r.schedule());
        if (r.channelSchedules() != null) {
            specs.addAll(r.channelSchedules().values());
        }
        for (ScheduleSpec spec : specs) {
            if (spec == null || spec.kind() != ScheduleKind.SEASONAL && spec.kind() != ScheduleKind.CAMPAIGN) {
                throw ProblemException.badRequest(
                        "repeatYearly",
                        "repeats a seasonal or campaign schedule, the same days of the next year; "
                                + (spec == null || spec.kind() == null
                                        ? "a schedule"
                                        : "a " + spec.kind().name().toLowerCase(Locale.ROOT))
                                + " schedule has no year to move on");
            }
        }
        List<Problem.FieldError> fixed =
                scheduleVariables.fixedDates(r.templateId(), r.templateVersion(), r.variables()).stream()
                        .map(name -> new Problem.FieldError(
                                "variables." + name,
                                "is a fixed date, wrong next year in a broadcast that repeats every year; "
                                        + ScheduleVariables.HOW))
                        .toList();
        if (!fixed.isEmpty()) {
            throw ProblemException.invalid(fixed);
        }
    }

    /** The request that made the broadcast (variables as stored, with their references). */
    public BroadcastRequest request(Broadcast b) {
        return new BroadcastRequest(
                b.templateId,
                b.templateVersion,
                b.templateId == null ? null : storedVariables(b),
                b.freeText,
                b.freeTextEn,
                b.keyInstruction,
                b.title,
                b.language,
                b.dialect,
                b.channels(),
                b.urgency,
                b.capStatus,
                read(b.audienceJson, BroadcastRequest.Audience.class),
                schedule(b),
                b.quietPolicy,
                b.colour,
                channelSchedules(b),
                b.repeatYearly ? Boolean.TRUE : null,
                b.recordingId);
    }

    /**
     * Next year's copy of a broadcast that repeats every year: the same request with its
     * schedules one year on, made by the same author and waiting for approval (an approver reads
     * next year's dates before anything is sent). Runs in its own transaction; a refusal (an area
     * gone, a year beyond the calendar) rolls it back for {@link #repeatFailed} to record.
     *
     * @return the copy, or null when the broadcast does not repeat or its copy exists
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Broadcast repeatNextYear(long id) {
        Broadcast old = find(id);
        if (!old.repeatYearly || old.repeatProblem != null || Broadcast.count("repeatedFrom", old.id) > 0) {
            return null;
        }
        BroadcastRequest last = request(old);
        Map<String, ScheduleSpec> channels = null;
        if (last.channelSchedules() != null) {
            channels = new java.util.TreeMap<>();
            for (Map.Entry<String, ScheduleSpec> e : last.channelSchedules().entrySet()) {
                channels.put(e.getKey(), nextYear(e.getValue()));
            }
        }
        BroadcastRequest next = new BroadcastRequest(
                last.templateId(),
                last.templateVersion(),
                last.variables(),
                last.text(),
                last.textEn(),
                last.keyInstruction(),
                last.title(),
                last.language(),
                last.dialect(),
                last.channels(),
                last.priority(),
                last.status(),
                last.audience(),
                nextYear(last.schedule()),
                last.quietHours(),
                last.colour(),
                channels,
                Boolean.TRUE,
                last.recordingId());
        Broadcast b = create(old.createdBy, next);
        b.repeatedFrom = old.id;
        transition(REPEATER, b, BroadcastStatus.PENDING_APPROVAL, "next year's broadcast of " + old.id);
        b.submittedBy = REPEATER;
        flushed(b);
        audit.record(REPEATER, "broadcast.repeat", subject(old), "next year's broadcast is " + b.id);
        return b;
    }

    /** Records why next year's copy could not be made: the series stops, shown on the broadcast. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void repeatFailed(long id, String problem) {
        Broadcast old = find(id);
        old.repeatProblem = problem.length() > 1000 ? problem.substring(0, 999) + "…" : problem;
        audit.record(REPEATER, "broadcast.repeat-failed", subject(old), old.repeatProblem);
    }

    /** The author of yearly copies in the timeline (never a person, so the two-person rule holds). */
    static final String REPEATER = "system:yearly-repeat";

    private static ScheduleSpec nextYear(ScheduleSpec s) {
        return new ScheduleSpec(
                s.kind(),
                s.zone(),
                s.at(),
                s.times(),
                s.from(),
                s.to(),
                s.cron(),
                s.seasonFrom(),
                s.seasonTo(),
                s.year() + 1,
                s.campaign());
    }

    /** The broadcast's renditions in its own language; an exercise's are marked as one. */
    public Renditions render(Broadcast b) {
        boolean exercise = b.capStatus == CapStatus.EXERCISE;
        Renditions r = b.templateId != null
                ? compose.render(b.templateId, b.templateVersion, variables(b), b.language, b.dialect)
                : compose.renderText(
                        exercise ? ComposeService.withoutTypedExerciseMark(b.freeText) : b.freeText,
                        b.keyInstruction,
                        b.language,
                        b.dialect);
        return exercise ? compose.asExercise(r) : r;
    }

    /**
     * The SMS in every language residents may read it in: the broadcast's own ({@code r}) first,
     * then the template's other SMS renditions; only the own language for free text or when SMS is
     * not a channel.
     */
    public List<SmsTexts.Text> smsTexts(Broadcast b, Renditions r) {
        boolean others = b.sends(Channel.SMS) && b.templateId != null;
        return smsTexts.render(b, r, others ? variables(b) : null);
    }

    /** The variables as stored: a date taken from the schedule is kept as its reference ("@schedule"). */
    public Map<String, JsonNode> storedVariables(Broadcast b) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        if (b.variablesJson != null) {
            read(b.variablesJson, ObjectNode.class).fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue()));
        }
        return vars;
    }

    /** The variables as rendered: references to the schedule replaced by its dates. */
    public Map<String, JsonNode> variables(Broadcast b) {
        return scheduleVariables.resolve(b.templateId, b.templateVersion, storedVariables(b), schedule(b));
    }

    private void transition(String actor, Broadcast b, BroadcastStatus target, String detail) {
        if (!lifecycle.move(actor, b, target, detail)) {
            throw illegal(b, target);
        }
    }

    private static ProblemException illegal(Broadcast b, BroadcastStatus target) {
        return ProblemException.conflict(
                "status",
                "a " + b.status.name().toLowerCase(Locale.ROOT) + " broadcast cannot become "
                        + target.name().toLowerCase(Locale.ROOT));
    }

    /** Flushes now so that a concurrent change (approve vs cancel) surfaces as 409, not at commit. */
    private Broadcast flushed(Broadcast b) {
        try {
            em.flush();
        } catch (OptimisticLockException | StaleStateException | PessimisticLockException | LockTimeoutException e) {
            throw ProblemException.conflict("broadcast " + b.id + " was changed by someone else; reload and retry");
        }
        return b;
    }

    /**
     * Approves as {@link #approve(String, Set, long)} and keeps the approver's comment, when one is
     * given, in the broadcast's timeline ({@code broadcast.comment}), in the same transaction.
     *
     * @throws ProblemException 400 naming {@code comment} when it is over 1000 characters
     */
    public Broadcast approve(String actor, Set<Role> roles, long id, String comment) {
        String kept = comment == null || comment.isBlank() ? null : comment.strip();
        if (kept != null && kept.length() > 1000) {
            throw ProblemException.badRequest("comment", "must be at most 1000 characters");
        }
        Broadcast b = approve(actor, roles, id);
        if (kept != null) {
            audit.record(actor, "broadcast.comment", subject(b), "approval: " + kept);
        }
        return b;
    }

    public static String subject(Broadcast b) {
        return "broadcast:" + b.id;
    }

    private static String describe(Broadcast b) {
        return (b.templateId != null ? "template " + b.templateId : "free text") + ", " + b.capStatus + ", "
                + b.urgency.id() + ", " + b.channels().stream().map(Channel::id).collect(Collectors.joining(", "));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
