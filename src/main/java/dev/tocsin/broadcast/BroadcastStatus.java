package dev.tocsin.broadcast;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a broadcast. APPROVED means scheduled: occurrences exist and wait to fire.
 * DISPATCHING: some occurrences fired, others still planned. DELIVERING: nothing left to fire,
 * but SMS or plays of a fired occurrence are still outstanding. COMPLETED: every occurrence is
 * final and all its work too; FAILED: the same, but a channel of some occurrence could not be
 * dispatched. An edit of an approved broadcast sends it back to PENDING_APPROVAL.
 */
public enum BroadcastStatus {
    DRAFT,
    PENDING_APPROVAL,
    APPROVED,
    DISPATCHING,
    DELIVERING,
    COMPLETED,
    FAILED,
    REJECTED,
    CANCELLED,
    SUPERSEDED;

    static {
        DRAFT.next = EnumSet.of(PENDING_APPROVAL, CANCELLED);
        PENDING_APPROVAL.next = EnumSet.of(APPROVED, REJECTED, CANCELLED, DRAFT);
        APPROVED.next = EnumSet.of(DISPATCHING, DELIVERING, COMPLETED, FAILED, CANCELLED, SUPERSEDED, PENDING_APPROVAL);
        DISPATCHING.next = EnumSet.of(APPROVED, DELIVERING, COMPLETED, FAILED, CANCELLED, SUPERSEDED);
        DELIVERING.next = EnumSet.of(COMPLETED, FAILED, CANCELLED, SUPERSEDED);
        // Cancel and correct until the last delivery, and after it: a retraction or a correction follows.
        COMPLETED.next = EnumSet.of(CANCELLED, SUPERSEDED);
        FAILED.next = EnumSet.of(CANCELLED, SUPERSEDED);
        // Rejected is not a dead end: revised back to approval, or withdrawn.
        REJECTED.next = EnumSet.of(DRAFT, PENDING_APPROVAL, CANCELLED);
        CANCELLED.next = EnumSet.noneOf(BroadcastStatus.class);
        SUPERSEDED.next = EnumSet.noneOf(BroadcastStatus.class);
    }

    /** Approved and not final: occurrences to fire or deliveries outstanding. */
    public static final Set<BroadcastStatus> LIVE = EnumSet.of(APPROVED, DISPATCHING, DELIVERING);

    private Set<BroadcastStatus> next;

    public boolean canBecome(BroadcastStatus target) {
        return next.contains(target);
    }

    /** Staff may cancel it (withdrawn before it goes out, retracted after). */
    public boolean cancellable() {
        return canBecome(CANCELLED);
    }

    /** Staff may replace it with a corrected version that goes through approval. */
    public boolean updatable() {
        return canBecome(SUPERSEDED) || this == PENDING_APPROVAL;
    }

    /** Rejected or never submitted: revised in place and sent back for approval. */
    public boolean revisable() {
        return this == REJECTED || this == DRAFT;
    }

    /** Approved and not final (see {@link #LIVE}). */
    public boolean live() {
        return LIVE.contains(this);
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
