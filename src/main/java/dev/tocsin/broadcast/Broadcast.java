package dev.tocsin.broadcast;

import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.alert.UrgencyFlag;
import dev.tocsin.alert.WarningColour;
import dev.tocsin.compose.template.CapSeverity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A notice to send on some channels to an audience on a schedule; see docs/BROADCASTS.md. */
@Entity
@Table(name = "broadcast")
public class Broadcast extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "broadcast_seq")
    @SequenceGenerator(name = "broadcast_seq", sequenceName = "broadcast_seq", allocationSize = 50)
    public Long id;

    /** Concurrent approve and cancel: one commits, the other fails with 409. */
    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public BroadcastStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "cap_status", nullable = false, length = 16)
    public CapStatus capStatus;

    @Convert(converter = UrgencyFlag.class)
    @Column(name = "urgent", nullable = false)
    public Urgency urgency = Urgency.ROUTINE;

    @Column(name = "template_id", length = 64)
    public String templateId;

    @Column(name = "template_version")
    public Integer templateVersion;

    @Column(name = "variables_json")
    public String variablesJson;

    @Column(name = "free_text")
    public String freeText;

    /** Free text's English SMS for residents who read English; null when none. */
    @Column(name = "free_text_en")
    public String freeTextEn;

    /** Free text's key instruction, repeated by the loudspeaker as a template's is. */
    @Column(name = "key_instruction", length = 200)
    public String keyInstruction;

    /** What staff recognise the broadcast by: given, or the first words of free text. */
    @Column(length = 80)
    public String title;

    @Column(nullable = false, length = 16)
    public String language;

    @Column(length = 64)
    public String dialect;

    // One column per channel; read and set them as a set of channels through the methods below.
    @Column(name = "channel_sms", nullable = false)
    boolean channelSms;

    @Column(name = "channel_speaker", nullable = false)
    boolean channelLoudspeaker;

    @Column(name = "channel_voice", nullable = false)
    boolean channelVoice;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public CapSeverity severity;

    /** The warning colour staff named; null to take it from {@link #severity}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "warning_colour", length = 8)
    public WarningColour colour;

    @Column(name = "audience_json", nullable = false)
    public String audienceJson;

    @Column(name = "schedule_json", nullable = false)
    public String scheduleJson;

    /** The schedules of channels with their own times, a JSON object by channel id; null when none. */
    @Column(name = "channel_schedules")
    public String channelSchedulesJson;

    @Enumerated(EnumType.STRING)
    @Column(name = "quiet_policy", nullable = false, length = 8)
    public QuietPolicy quietPolicy;

    /** Frozen at approval: what every occurrence sends. */
    @Column(name = "sms_text")
    public String smsText;

    @Column(name = "speaker_script")
    public String speakerScript;

    @Column(name = "supersedes_id")
    public Long supersedesId;

    /** Next year's copy goes to approval when this one ends (seasonal and campaign schedules). */
    @Column(name = "repeat_yearly", nullable = false)
    public boolean repeatYearly;

    /** A staff recording the loudspeakers play instead of synthesized speech (null: synthesized). */
    @Column(name = "recording_id")
    public Long recordingId;

    /** The broadcast of the year before, of which this is the yearly repeat. */
    @Column(name = "repeated_from")
    public Long repeatedFrom;

    /** Why next year's copy could not be made (e.g. an area gone); the series stops here, visibly. */
    @Column(name = "repeat_problem", length = 1000)
    public String repeatProblem;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "submitted_by", length = 64)
    public String submittedBy;

    @Column(name = "approved_by", length = 64)
    public String approvedBy;

    @Column(name = "status_comment", length = 1000)
    public String statusComment;

    /** A requested channel this installation cannot deliver, and why (a CAP-triggered draft keeps it flagged). */
    @Column(name = "channel_problem", length = 1000)
    public String channelProblem;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Set<Channel> channels() {
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        if (channelSms) {
            out.add(Channel.SMS);
        }
        if (channelLoudspeaker) {
            out.add(Channel.LOUDSPEAKER);
        }
        if (channelVoice) {
            out.add(Channel.VOICE);
        }
        return out;
    }

    public void channels(Set<Channel> channels) {
        channelSms = channels.contains(Channel.SMS);
        channelLoudspeaker = channels.contains(Channel.LOUDSPEAKER);
        channelVoice = channels.contains(Channel.VOICE);
    }

    public boolean sends(Channel channel) {
        return switch (channel) {
            case SMS -> channelSms;
            case LOUDSPEAKER -> channelLoudspeaker;
            case VOICE -> channelVoice;
        };
    }

    /**
     * The warning colour: the one staff named, else from the CAP severity (Extreme red, Severe
     * orange, Moderate yellow, Minor blue); none for an unknown severity or free text without one.
     */
    public Optional<WarningColour> warningColour() {
        if (colour != null) {
            return Optional.of(colour);
        }
        if (severity == null) {
            return Optional.empty();
        }
        return switch (severity) {
            case EXTREME -> Optional.of(WarningColour.RED);
            case SEVERE -> Optional.of(WarningColour.ORANGE);
            case MODERATE -> Optional.of(WarningColour.YELLOW);
            case MINOR -> Optional.of(WarningColour.BLUE);
            case UNKNOWN -> Optional.empty();
        };
    }
}
