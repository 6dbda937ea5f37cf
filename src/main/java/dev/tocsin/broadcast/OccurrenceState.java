package dev.tocsin.broadcast;

import java.util.EnumSet;
import java.util.Set;

/**
 * One planned firing. FIRING is claimed under a lease; a lease that expires is fired again.
 * FIRED means dispatched with work still outstanding (SMS not final, plays not ended);
 * {@link DeliveryTracker} moves it to COMPLETED once every SMS is final and every play ended or
 * missed, or to FAILED when a channel could not be dispatched at all ({@code Occurrence.failure}).
 */
public enum OccurrenceState {
    PLANNED,
    FIRING,
    FIRED,
    COMPLETED,
    FAILED,
    MISSED,
    SKIPPED,
    CANCELLED;

    static {
        PLANNED.next = EnumSet.of(FIRING, MISSED, CANCELLED);
        FIRING.next = EnumSet.of(FIRING, FIRED, MISSED, CANCELLED);
        FIRED.next = EnumSet.of(COMPLETED, FAILED, CANCELLED);
        COMPLETED.next = EnumSet.noneOf(OccurrenceState.class);
        FAILED.next = EnumSet.noneOf(OccurrenceState.class);
        MISSED.next = EnumSet.noneOf(OccurrenceState.class);
        SKIPPED.next = EnumSet.noneOf(OccurrenceState.class);
        CANCELLED.next = EnumSet.noneOf(OccurrenceState.class);
    }

    private Set<OccurrenceState> next;

    public boolean canBecome(OccurrenceState target) {
        return next.contains(target);
    }

    public boolean isFinal() {
        return next.isEmpty();
    }
}
