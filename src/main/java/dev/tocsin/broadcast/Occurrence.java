package dev.tocsin.broadcast;

import dev.tocsin.alert.Channel;
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

/** One firing of a broadcast; {@code ref()} is the idempotency key for SMS and plays. */
@Entity
@Table(name = "broadcast_occurrence")
public class Occurrence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "broadcast_occurrence_seq")
    @SequenceGenerator(
            name = "broadcast_occurrence_seq",
            sequenceName = "broadcast_occurrence_seq",
            allocationSize = 50)
    public Long id;

    @Column(name = "broadcast_id", nullable = false)
    public Long broadcastId;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** The scheduled time before quiet hours moved it; null when not moved. */
    @Column(name = "shifted_from")
    public Instant shiftedFrom;

    @Column(name = "shift_reason", length = 200)
    public String shiftReason;

    /** The one channel this occurrence fires; null for every channel of the broadcast. */
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public OccurrenceState state;

    @Column(name = "lease_owner", length = 64)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "audio_key", length = 128)
    public String audioKey;

    @Column(length = 1000)
    public String outcome;

    /** PENDING while a cancelled occurrence's retraction is still being sent, then DONE; null when none is due. */
    @Column(length = 16)
    public String retraction;

    /** The channels that could not be dispatched and why; null when none failed. */
    @Column(length = 1000)
    public String failure;

    /** Whether this occurrence fires {@code c} (when the broadcast sends it at all). */
    public boolean covers(Channel c) {
        return channel == null || channel == c;
    }

    public String ref() {
        return ref(id);
    }

    /** How SMS dispatches and plays name an occurrence ({@code externalRef}, {@code occurrenceRef}). */
    public static String ref(long occurrenceId) {
        return "occ-" + occurrenceId;
    }

    public void moveTo(OccurrenceState target) {
        if (!state.canBecome(target)) {
            throw new IllegalStateException("occurrence " + id + " cannot go from " + state + " to " + target);
        }
        state = target;
    }
}
