package dev.tocsin.sms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * The outbox row for one (dispatch, resident). Inserted in bulk by {@link SmsDispatchService}
 * (ids taken from sms_delivery_seq there), then only updated.
 */
@Entity
@Table(name = "sms_delivery")
public class SmsDelivery extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "dispatch_id", nullable = false)
    public Long dispatchId;

    @Column(name = "resident_id", nullable = false)
    public Long residentId;

    @Column(nullable = false, length = 20)
    public String phone;

    @Column(nullable = false, length = 1600)
    public String body;

    @Column(nullable = false)
    public int segments;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public DeliveryState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(nullable = false)
    public boolean reconcile;

    @Column(name = "lease_owner", length = 64)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "twilio_sid", length = 64, unique = true)
    public String twilioSid;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(length = 500)
    public String reason;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "final_at")
    public Instant finalAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Moves to {@code target}, refusing transitions the lifecycle does not allow. */
    void moveTo(DeliveryState target, Instant now) {
        if (!state.canBecome(target)) {
            throw new IllegalStateException("delivery " + id + ": " + state + " cannot become " + target);
        }
        state = target;
        updatedAt = now;
        if (target.isFinal()) {
            finalAt = now;
        }
        if (target != DeliveryState.SENDING) {
            leaseOwner = null;
            leaseUntil = null;
        }
    }

    static Optional<SmsDelivery> findBySid(String sid) {
        return find("twilioSid", sid).firstResultOptional();
    }
}
