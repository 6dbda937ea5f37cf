package dev.tocsin.voice;

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

/** One voice call to a resident for one occurrence of an urgent broadcast: an attempt. */
@Entity
@Table(name = "resident_call")
public class ResidentCall extends PanacheEntityBase {

    /** QUEUED → PLACING (claimed) → PLACED (accepted by Twilio) → ENDED; PLACING → ENDED on refusal. */
    public enum State {
        QUEUED,
        PLACING,
        PLACED,
        ENDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resident_call_seq")
    @SequenceGenerator(name = "resident_call_seq", sequenceName = "resident_call_seq", allocationSize = 50)
    public Long id;

    @Column(name = "broadcast_id", nullable = false)
    public long broadcastId;

    @Column(name = "occurrence_id", nullable = false)
    public long occurrenceId;

    @Column(name = "resident_id", nullable = false)
    public long residentId;

    @Column(nullable = false, length = 20)
    public String phone;

    @Column(nullable = false, length = 16)
    public String language;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "audio_key", length = 64)
    public String audioKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public State state;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "lease_owner", length = 64)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "call_sid", length = 34)
    public String callSid;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(length = 16)
    public String outcome;

    @Column(length = 300)
    public String detail;

    /** The occurrence sends SMS too: if this resident's last attempt goes unanswered, text them. */
    @Column(name = "text_if_unreached", nullable = false)
    public boolean textIfUnreached;

    /** That text: null (not wanted), {@code due}, {@code sent}, or {@code none} (dispatch withdrawn). */
    @Column(length = 4)
    public String texted;
}
