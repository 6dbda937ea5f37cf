package dev.tocsin.duty;

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

/** One voice call of a 叫应 entry: a step (primary, backup, superior) and its attempt number. */
@Entity
@Table(name = "duty_voice_call")
public class DutyVoiceCall extends PanacheEntityBase {

    /** QUEUED → PLACING (claimed) → PLACED (accepted by Twilio) → ENDED; PLACING → ENDED on refusal. */
    public enum State {
        QUEUED,
        PLACING,
        PLACED,
        ENDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duty_voice_call_seq")
    @SequenceGenerator(name = "duty_voice_call_seq", sequenceName = "duty_voice_call_seq", allocationSize = 50)
    public Long id;

    @Column(name = "entry_id", nullable = false)
    public long entryId;

    @Column(nullable = false)
    public int step;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "person_id", nullable = false)
    public long personId;

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

    @Column(length = 16)
    public String digits;

    @Column(length = 300)
    public String detail;
}
