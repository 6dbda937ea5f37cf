package dev.tocsin.broadcast;

import java.util.EnumSet;
import java.util.Set;

/** One planned firing. FIRING is claimed under a lease; a lease that expires is fired again. */
public enum OccurrenceState {
    PLANNED, FIRING, FIRED, MISSED, SKIPPED, CANCELLED;

    static {
        PLANNED.next = EnumSet.of(FIRING, MISSED, CANCELLED);
        FIRING.next = EnumSet.of(FIRING, FIRED, MISSED, CANCELLED);
        FIRED.next = EnumSet.noneOf(OccurrenceState.class);
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
