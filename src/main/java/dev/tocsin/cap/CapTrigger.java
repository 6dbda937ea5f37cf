package dev.tocsin.cap;

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
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * What a received alert caused: a DRAFT (a broadcast drafted by a rule, or FAILED with the
 * reason), or a WITHDRAWAL (a proposal to cancel a broadcast an earlier alert caused).
 */
@Entity
@Table(name = "cap_trigger")
public class CapTrigger extends PanacheEntityBase {

    public enum Kind {
        DRAFT,
        WITHDRAWAL
    }

    /** DRAFT: DRAFTED or FAILED. WITHDRAWAL: PROPOSED, then ACCEPTED or DISMISSED. */
    public enum State {
        DRAFTED,
        FAILED,
        PROPOSED,
        ACCEPTED,
        DISMISSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cap_trigger_seq")
    @SequenceGenerator(name = "cap_trigger_seq", sequenceName = "cap_trigger_seq", allocationSize = 50)
    public Long id;

    @Version
    public long version;

    @Column(name = "received_id", nullable = false)
    public long receivedId;

    @Column(name = "rule_id")
    public Long ruleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(name = "broadcast_id")
    public Long broadcastId;

    @Column(length = 1000)
    public String detail;

    @Column(name = "decided_by", length = 64)
    public String decidedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
