package dev.tocsin.loudspeaker;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One programme to be played by one terminal inside a time window. */
@Entity
@Table(name = "play")
public class Play extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "play_seq")
    @SequenceGenerator(name = "play_seq", sequenceName = "play_seq", allocationSize = 50)
    public Long id;

    /** The broadcast occurrence this play belongs to (opaque to this package). */
    @Column(name = "occurrence_ref", nullable = false, length = 64)
    public String occurrenceRef;

    @Column(name = "terminal_id", nullable = false)
    public Long terminalId;

    /** Key of the rendered programme in the audio store. */
    @Column(name = "audio_key", nullable = false, length = 128)
    public String audioKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PlayPriority priority;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    /** After this instant the play is missed, never played late. */
    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PlayState state;

    @Column(name = "state_reason", length = 500)
    public String stateReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** First time a queue response handed this play to its terminal. */
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Server time of the last applied report. */
    @Column(name = "reported_at")
    public Instant reportedAt;

    /** The time the terminal claimed for that report (its clock may be wrong). */
    @Column(name = "terminal_reported_at")
    public Instant terminalReportedAt;

    /** Completion reported for a play the terminal never received: kept, not counted as coverage. */
    @Column(nullable = false)
    public boolean suspicious;

    /** Calls placed for this play to a paged (SIP or multicast) terminal. */
    @Column(nullable = false)
    public int attempts;

    /** Set when the occurrence was withdrawn while this play was already started (a call under way is stopped). */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /** For MISSED plays: the terminal was offline when the window closed. */
    @Column(name = "missed_offline", nullable = false)
    public boolean missedOffline;
}
