package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.annotation.JsonValue;

/** Urgent preempts warning preempts routine. Declaration order is rank order. */
public enum PlayPriority {
    ROUTINE,
    WARNING,
    URGENT;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public boolean outranks(PlayPriority other) {
        return compareTo(other) > 0;
    }
}
