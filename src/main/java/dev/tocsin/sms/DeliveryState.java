package dev.tocsin.sms;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of one delivery row. QUEUED waits for a worker (again after a retryable failure);
 * SENDING is claimed under a lease and possibly in flight; SENT means the provider accepted it
 * (we hold its SID); the rest are final.
 */
public enum DeliveryState {
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    HELD,
    SUPPRESSED;

    static {
        QUEUED.next = EnumSet.of(SENDING, FAILED, HELD, SUPPRESSED);
        // SENDING -> SENDING: a lease that expired in flight is taken over by another worker.
        SENDING.next = EnumSet.of(SENDING, QUEUED, SENT, FAILED, HELD, SUPPRESSED);
        SENT.next = EnumSet.of(DELIVERED, UNDELIVERED, FAILED);
        DELIVERED.next = EnumSet.noneOf(DeliveryState.class);
        UNDELIVERED.next = EnumSet.noneOf(DeliveryState.class);
        FAILED.next = EnumSet.noneOf(DeliveryState.class);
        HELD.next = EnumSet.noneOf(DeliveryState.class);
        SUPPRESSED.next = EnumSet.noneOf(DeliveryState.class);
    }

    private Set<DeliveryState> next;

    public boolean canBecome(DeliveryState target) {
        return next.contains(target);
    }

    public boolean isFinal() {
        return next.isEmpty();
    }

    public String id() {
        return name().toLowerCase();
    }

    public static DeliveryState parse(String value) {
        for (DeliveryState s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state");
    }
}
