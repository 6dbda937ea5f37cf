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
import java.util.Optional;

/** The 叫应 of one broadcast (at most one: unique per broadcast). */
@Entity
@Table(name = "duty_call")
public class DutyCall extends PanacheEntityBase {

    public enum State {
        OPEN,
        CLOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duty_call_seq")
    @SequenceGenerator(name = "duty_call_seq", sequenceName = "duty_call_seq", allocationSize = 50)
    public Long id;

    @Column(name = "broadcast_id", nullable = false, unique = true)
    public long broadcastId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public dev.tocsin.alert.WarningColour colour;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public State state;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "first_answer_at")
    public Instant firstAnswerAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_reason", length = 200)
    public String closedReason;

    static Optional<DutyCall> forBroadcast(long broadcastId) {
        return find("broadcastId", broadcastId).firstResultOptional();
    }
}
