package dev.tocsin.console;

import dev.tocsin.audience.AudienceService;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastPreview;
import dev.tocsin.broadcast.BroadcastReports;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.SchedulePreview;
import dev.tocsin.broadcast.SmsTexts;
import dev.tocsin.compose.spoken.SpokenText;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.schedule.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A broadcast as the approval and detail pages show it: exactly what goes out (SMS text in each language,
 * loudspeaker script with the dialect rewrites, the audio's render request), the areas with
 * their counts, and the schedule's occurrences (planned now while pending, stored once approved).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastCards {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final BroadcastService broadcasts;
    private final BroadcastPreview preview;
    private final BroadcastReports reports;
    private final ConsoleOverview overview;
    private final TocsinConfig tocsin;
    private final ComposePreviews previews;

    BroadcastCards(
            BroadcastService broadcasts,
            BroadcastPreview preview,
            BroadcastReports reports,
            ConsoleOverview overview,
            TocsinConfig tocsin,
            ComposePreviews previews) {
        this.previews = previews;
        this.broadcasts = broadcasts;
        this.preview = preview;
        this.reports = reports;
        this.overview = overview;
        this.tocsin = tocsin;
    }

    /** {@code channel}: the one channel this firing is for (id), null for every channel. */
    public record Planned(String at, String shiftedFrom, String reason, String state, String channel) {}

    public record Step(String at, String actor, String action, String detail) {}

    /** A broadcast that repeats every year: last year's and next year's, and why next year's failed. */
    public record Repeat(boolean yearly, Long from, Long next, String problem) {}

    /** {@code otherSms}: the SMS in the languages other than the broadcast's, for residents who read them. */
    /**
     * {@code areas}: every resident and terminal of each targeted area; {@code audience}: who the
     * SMS reaches if it fires now (distinct residents, filters applied, opted-out numbers left out
     * unless an urgent real alert may reach them), as the firer counts them.
     */
    public record Card(
            BroadcastReports.Summary summary,
            String language,
            String comment,
            String smsText,
            int smsSegments,
            List<SmsTexts.Text> otherSms,
            List<ComposePreviews.Piece> script,
            String dialect,
            List<ConsoleOverview.AreaRow> areas,
            AudienceService.Counts audience,
            String scheduleKind,
            List<Planned> occurrences,
            String contentError,
            List<Step> timeline,
            String channelProblem,
            List<ComposePreviews.Said> spoken,
            Repeat repeat) {
        /** The marked runs of the spoken text, for the list under it. */
        public List<ComposePreviews.Said> highlights() {
            return spoken.stream().filter(ComposePreviews.Said::marked).toList();
        }

        public long residents() {
            return audience.smsRecipients();
        }

        public long optedOut() {
            return audience.optedOutExcluded();
        }

        public long terminals() {
            return audience.terminals();
        }

        public boolean pending() {
            return status() == BroadcastStatus.PENDING_APPROVAL;
        }

        public boolean cancellable() {
            return status().cancellable();
        }

        /** Rejected or never submitted: the operator revises it and sends it back for approval. */
        public boolean revisable() {
            return status().revisable();
        }

        public boolean updatable() {
            return status().updatable();
        }

        private BroadcastStatus status() {
            return BroadcastStatus.parse(summary.status());
        }
    }

    public List<Card> pending() {
        return broadcasts.list(BroadcastStatus.PENDING_APPROVAL, null, null).stream()
                .map(this::card)
                .toList();
    }

    public Card card(long id) {
        return card(broadcasts.find(id));
    }

    Card card(Broadcast b) {
        BroadcastReports.Detail detail = reports.detail(b.id);
        String sms = null;
        int segments = 0;
        List<SmsTexts.Text> otherSms = List.of();
        List<ComposePreviews.Piece> script = List.of();
        List<ComposePreviews.Said> spoken = List.of();
        String dialect = b.dialect;
        String error = null;
        try {
            BroadcastPreview.Content c = preview.content(b);
            sms = c.smsText();
            segments = c.smsSegments();
            otherSms = c.smsTexts().stream()
                    .filter(t -> !t.language().equals(b.language))
                    .toList();
            script = b.speakerScript != null
                    ? List.of(new ComposePreviews.Piece(c.script(), null))
                    : ComposePreviews.pieces(c.script(), c.rewrites());
            dialect = c.dialect();
            spoken = ComposePreviews.said(SpokenText.annotate(
                    c.script(),
                    previews.spokenLanguage(dialect, b.language),
                    b.speakerScript != null ? List.of() : c.rewrites()));
        } catch (ProblemException e) {
            // A template retired or changed incompatibly since the draft: say so rather than fail the page.
            error = e.problem().detail();
        }
        Map<String, ConsoleOverview.AreaRow> rows = overview.areaTree().stream()
                .collect(Collectors.toMap(ConsoleOverview.AreaRow::code, Function.identity(), (x, y) -> x));
        List<String> codes = preview.areaCodes(b);
        List<ConsoleOverview.AreaRow> areas =
                codes.stream().map(rows::get).filter(r -> r != null).toList();
        AudienceService.Counts audience;
        try {
            audience = preview.audienceCounts(b);
        } catch (ProblemException e) {
            // An area or language removed since the draft: the firer would refuse it too.
            audience = new AudienceService.Counts(0, 0, 0, List.of());
            error = error == null ? e.problem().detail() : error;
        }
        ScheduleSpec spec = preview.schedule(b);
        List<Planned> planned = new ArrayList<>();
        List<Occurrence> stored = broadcasts.occurrences(b.id);
        if (!stored.isEmpty()) {
            stored.forEach(o -> planned.add(new Planned(
                    local(o.dueAt),
                    local(o.shiftedFrom),
                    o.shiftReason,
                    o.state.name().toLowerCase(),
                    o.channel == null ? null : o.channel.id())));
        } else if (EnumSet.of(BroadcastStatus.DRAFT, BroadcastStatus.PENDING_APPROVAL)
                .contains(b.status)) {
            try {
                broadcasts
                        .preview(SchedulePreview.of(preview.request(b)))
                        .forEach(p -> planned.add(new Planned(
                                local(p.dueAt()),
                                local(p.shiftedFrom()),
                                p.shiftReason(),
                                p.skipped() ? "skipped" : "planned",
                                p.channel() == null ? null : p.channel().id())));
            } catch (ProblemException e) {
                error = error == null ? e.problem().detail() : error;
            }
        }
        List<Step> timeline = detail.timeline().stream()
                .sorted((x, y) -> x.at().compareTo(y.at()))
                .map((AuditLog.Entry e) -> new Step(local(e.at()), e.actor(), e.action(), e.detail()))
                .toList();
        return new Card(
                detail.broadcast(),
                b.language,
                b.statusComment,
                sms,
                segments,
                otherSms,
                script,
                dialect,
                areas,
                audience,
                spec == null || spec.kind() == null ? "" : spec.kind().name(),
                planned,
                error,
                timeline,
                b.channelProblem,
                spoken,
                new Repeat(detail.repeatYearly(), detail.repeatedFrom(), detail.nextYear(), detail.repeatProblem()));
    }

    String local(Instant t) {
        return t == null ? null : LOCAL.format(t.atZone(tocsin.zone()));
    }
}
