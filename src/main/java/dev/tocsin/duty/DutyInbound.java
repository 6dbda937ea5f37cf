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

/** An inbound SMS the 叫应 looked at: every one from a roster number, and answer-shaped ones from others. */
@Entity
@Table(name = "duty_inbound")
public class DutyInbound extends PanacheEntityBase {

    public enum Outcome {
        /** Recorded as the answer of an open entry. */
        ANSWERED,
        /** The entry it would answer was already answered. */
        ALREADY_ANSWERED,
        /** From the roster, but no open 叫应 to answer. */
        NO_OPEN_CALL,
        /** Answer-shaped, from a number not on the roster. */
        UNKNOWN_NUMBER,
        /** TD/退订 from the roster: shown to admins, does not stop 叫应 messages. */
        OPT_OUT,
        /** From the roster, not an answer. */
        NOT_AN_ANSWER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duty_inbound_seq")
    @SequenceGenerator(name = "duty_inbound_seq", sequenceName = "duty_inbound_seq", allocationSize = 50)
    public Long id;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(nullable = false, length = 20)
    public String mobile;

    @Column(length = 320)
    public String body;

    @Column(name = "person_id")
    public Long personId;

    @Column(name = "entry_id")
    public Long entryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Outcome outcome;
}
