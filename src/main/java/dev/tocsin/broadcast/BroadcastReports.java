package dev.tocsin.broadcast;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.sms.SmsDispatch;
import dev.tocsin.sms.SmsReports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read models: a broadcast with its occurrences and timeline, and the per-occurrence delivery report. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastReports {

    private final BroadcastService broadcasts;
    private final SmsTexts smsTexts;
    private final SmsReports sms;
    private final PlayService plays;
    private final AuditLog audit;
    private final AreaBreakdown areas;

    BroadcastReports(
            BroadcastService broadcasts,
            SmsTexts smsTexts,
            SmsReports sms,
            PlayService plays,
            AuditLog audit,
            AreaBreakdown areas) {
        this.broadcasts = broadcasts;
        this.smsTexts = smsTexts;
        this.sms = sms;
        this.plays = plays;
        this.audit = audit;
        this.areas = areas;
    }

    public record OccurrenceView(
            long id,
            Instant dueAt,
            Instant shiftedFrom,
            String shiftReason,
            String state,
            int attempts,
            Instant firedAt,
            String outcome,
            String failure) {
        static OccurrenceView of(Occurrence o) {
            return new OccurrenceView(
                    o.id,
                    o.dueAt,
                    o.shiftedFrom,
                    o.shiftReason,
                    o.state.name().toLowerCase(),
                    o.attempts,
                    o.firedAt,
                    o.outcome,
                    o.failure);
        }
    }

    public record Summary(
            long id,
            String status,
            String capStatus,
            String priority,
            String templateId,
            List<String> channels,
            String createdBy,
            String submittedBy,
            String approvedBy,
            Long supersedes,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public static Summary of(Broadcast b) {
            List<String> channels = new java.util.ArrayList<>();
            if (b.channelSms) {
                channels.add("sms");
            }
            if (b.channelLoudspeaker) {
                channels.add("loudspeaker");
            }
            return new Summary(
                    b.id,
                    b.status.name().toLowerCase(),
                    b.capStatus.name().toLowerCase(),
                    b.urgent ? "urgent" : "routine",
                    b.templateId,
                    channels,
                    b.createdBy,
                    b.submittedBy,
                    b.approvedBy,
                    b.supersedesId,
                    b.createdAt,
                    b.updatedAt,
                    b.version);
        }
    }

    /**
     * @param smsText the frozen SMS in the broadcast's language (null before approval)
     * @param smsTexts the frozen SMS in every language, the broadcast's own first (empty before approval)
     * @param audience the audience as stored (JSON written by the service), sent as a JSON object
     * @param schedule the schedule as stored, sent as a JSON object
     * @param channelProblem a requested channel this installation cannot deliver (flagged CAP draft), else null
     */
    public record Detail(
            Summary broadcast,
            String language,
            String dialect,
            String smsText,
            List<SmsTexts.Text> smsTexts,
            String loudspeakerScript,
            String comment,
            @com.fasterxml.jackson.annotation.JsonRawValue String audience,
            @com.fasterxml.jackson.annotation.JsonRawValue String schedule,
            List<OccurrenceView> occurrences,
            List<AuditLog.Entry> timeline,
            String channelProblem) {}

    /**
     * @param failure a channel that could not be dispatched and why; null when none failed
     * @param outcome what the firing did and, after a cancel, what had already gone out
     */
    public record OccurrenceReport(
            long occurrenceId,
            Instant dueAt,
            String state,
            Map<String, Long> sms,
            List<SmsReports.ReasonCount> smsFailures,
            Map<String, Long> plays,
            List<AreaBreakdown.AreaCounts> areas,
            String failure,
            String outcome) {}

    public record Report(long broadcastId, String status, List<OccurrenceReport> occurrences) {}

    public Detail detail(long id) {
        Broadcast b = broadcasts.find(id);
        List<OccurrenceView> occ =
                broadcasts.occurrences(id).stream().map(OccurrenceView::of).toList();
        List<AuditLog.Entry> timeline = audit.search(null, BroadcastService.subject(b), null, null, 200).stream()
                .filter(e -> e.subject().equals(BroadcastService.subject(b)))
                .toList();
        return new Detail(
                Summary.of(b),
                b.language,
                b.dialect,
                b.smsText,
                smsTexts.frozen(b),
                b.speakerScript,
                b.statusComment,
                b.audienceJson,
                b.scheduleJson,
                occ,
                timeline,
                b.channelProblem);
    }

    public Report report(long id) {
        Broadcast b = broadcasts.find(id);
        List<OccurrenceReport> out = broadcasts.occurrences(id).stream()
                .map(o -> {
                    Map<String, Long> smsCounts = new LinkedHashMap<>();
                    List<SmsReports.ReasonCount> failures = List.of();
                    var dispatch = SmsDispatch.findByExternalRef(o.ref());
                    if (dispatch.isPresent()) {
                        SmsReports.DispatchReport r = sms.dispatch(dispatch.get().id);
                        smsCounts.putAll(r.byState());
                        failures = r.failureReasons();
                    }
                    Map<String, Long> playCounts = new LinkedHashMap<>();
                    for (Map.Entry<PlayState, Long> e : plays.counts(o.ref()).entrySet()) {
                        playCounts.put(e.getKey().name().toLowerCase(), e.getValue());
                    }
                    return new OccurrenceReport(
                            o.id,
                            o.dueAt,
                            o.state.name().toLowerCase(),
                            smsCounts,
                            failures,
                            playCounts,
                            areas.of(dispatch.map(d -> d.id).orElse(null), o.ref()),
                            o.failure,
                            o.outcome);
                })
                .toList();
        return new Report(b.id, b.status.name().toLowerCase(), out);
    }
}
