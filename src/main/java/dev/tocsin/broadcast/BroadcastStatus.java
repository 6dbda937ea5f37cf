package dev.tocsin.broadcast;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a broadcast. APPROVED means scheduled: occurrences exist and wait to fire.
 * An edit of an approved broadcast sends it back to PENDING_APPROVAL.
 */
public enum BroadcastStatus {
    DRAFT, PENDING_APPROVAL, APPROVED, DISPATCHING, COMPLETED, REJECTED, CANCELLED, SUPERSEDED;

    static {
        DRAFT.next = EnumSet.of(PENDING_APPROVAL, CANCELLED);
        PENDING_APPROVAL.next = EnumSet.of(APPROVED, REJECTED, CANCELLED, DRAFT);
        APPROVED.next = EnumSet.of(DISPATCHING, COMPLETED, CANCELLED, SUPERSEDED, PENDING_APPROVAL);
        DISPATCHING.next = EnumSet.of(APPROVED, COMPLETED, CANCELLED, SUPERSEDED);
        COMPLETED.next = EnumSet.noneOf(BroadcastStatus.class);
        REJECTED.next = EnumSet.of(DRAFT);
        CANCELLED.next = EnumSet.noneOf(BroadcastStatus.class);
        SUPERSEDED.next = EnumSet.noneOf(BroadcastStatus.class);
    }

    private Set<BroadcastStatus> next;

    public boolean canBecome(BroadcastStatus target) {
        return next.contains(target);
    }

    public static BroadcastStatus parse(String value) {
        for (BroadcastStatus s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
