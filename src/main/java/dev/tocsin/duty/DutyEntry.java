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

/**
 * One primary responsible person reached by a 叫应, with what happened since: who answered (the
 * primary, the backup or the superior, whoever first), or to whom and when it was escalated.
 */
@Entity
@Table(name = "duty_entry")
public class DutyEntry extends PanacheEntityBase {

    /** Allowed moves: WAITING → BACKUP → SUPERIOR, any of those → ANSWERED or CLOSED. */
    public enum State {
        WAITING,
        BACKUP,
        SUPERIOR,
        ANSWERED,
        CLOSED;

        public boolean open() {
            return this == WAITING || this == BACKUP || this == SUPERIOR;
        }
    }

    /** The steps, each messaged once: 0 the primary, 1 the backup, 2 the superior. */
    public static final int PRIMARY = 0;

    public static final int BACKUP_STEP = 1;
    public static final int SUPERIOR_STEP = 2;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duty_entry_seq")
    @SequenceGenerator(name = "duty_entry_seq", sequenceName = "duty_entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "call_id", nullable = false)
    public long callId;

    @Column(name = "person_id", nullable = false)
    public long personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    /** The highest step whose SMS is in the outbox; -1 before the primary's. */
    @Column(name = "sent_step", nullable = false)
    public int sentStep;

    @Column(name = "messaged_at", nullable = false)
    public Instant messagedAt;

    @Column(name = "backup_id")
    public Long backupId;

    @Column(name = "backup_at")
    public Instant backupAt;

    @Column(name = "superior_id")
    public Long superiorId;

    @Column(name = "superior_at")
    public Instant superiorAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "answered_by")
    public Long answeredBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "answer_channel", length = 8)
    public AnswerChannel answerChannel;

    /** Why a step was skipped (no backup on the roster, no superior). */
    @Column(length = 300)
    public String note;
}
