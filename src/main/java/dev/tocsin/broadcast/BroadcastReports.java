package dev.tocsin.broadcast;

import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.alert.WarningColour;
import dev.tocsin.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Read models: a broadcast with its occurrences and timeline (delivery reports: {@code fanout.DeliveryReports}). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastReports {

    private final BroadcastService broadcasts;
    private final SmsTexts smsTexts;
    private final AuditLog audit;

    BroadcastReports(BroadcastService broadcasts, SmsTexts smsTexts, AuditLog audit) {
        this.broadcasts = broadcasts;
        this.smsTexts = smsTexts;
        this.audit = audit;
    }

    /** @param channel the one channel this occurrence fires; null for every channel of the broadcast */
    public record OccurrenceView(
            long id,
            Channel channel,
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
                    o.channel,
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
            CapStatus capStatus,
            Urgency priority,
            String templateId,
            String title,
            Set<Channel> channels,
            String createdBy,
            String submittedBy,
            String approvedBy,
            Long supersedes,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public boolean sendsSms() {
            return channels.contains(Channel.SMS);
        }

        public boolean sendsLoudspeaker() {
            return channels.contains(Channel.LOUDSPEAKER);
        }

        public boolean sendsVoice() {
            return channels.contains(Channel.VOICE);
        }

        public static Summary of(Broadcast b) {
            return new Summary(
                    b.id,
                    b.status.name().toLowerCase(),
                    b.capStatus,
                    b.urgency,
                    b.templateId,
                    b.title,
                    b.channels(),
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
     * @param channelSchedules the channels with their own times, a JSON object by channel id; null when none
     * @param channelProblem a requested channel this installation cannot deliver (flagged CAP draft), else null
     * @param colour the warning colour (named by staff, else from the CAP severity); null when it has none
     * @param colourNamed whether staff named the colour rather than the severity giving it
     * @param repeatYearly whether next year's copy is made when this one ends
     * @param repeatedFrom the previous year's broadcast this one repeats, else null
     * @param nextYear next year's copy once made, else null
     * @param repeatProblem why next year's copy could not be made (the series stopped), else null
     * @param recordingId the staff recording the loudspeakers play instead of synthesized speech, else null
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
            @com.fasterxml.jackson.annotation.JsonRawValue String channelSchedules,
            List<OccurrenceView> occurrences,
            List<AuditLog.Entry> timeline,
            String channelProblem,
            WarningColour colour,
            boolean colourNamed,
            boolean repeatYearly,
            Long repeatedFrom,
            Long nextYear,
            String repeatProblem,
            Long recordingId) {}

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
                b.channelSchedulesJson,
                occ,
                timeline,
                b.channelProblem,
                b.warningColour().orElse(null),
                b.colour != null,
                b.repeatYearly,
                b.repeatedFrom,
                Broadcast.<Broadcast>find("repeatedFrom", b.id)
                        .firstResultOptional()
                        .map(n -> n.id)
                        .orElse(null),
                b.repeatProblem,
                b.recordingId);
    }
}
