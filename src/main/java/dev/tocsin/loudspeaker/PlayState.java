package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Life of one play on one terminal. PENDING plays are in the terminal's queue; the others are
 * final except STARTED, which ends in a report or, when the window closes, MISSED.
 */
public enum PlayState {
    PENDING,
    STARTED,
    COMPLETED,
    FAILED,
    SKIPPED,
    MISSED,
    CANCELLED;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public Set<PlayState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(STARTED, COMPLETED, FAILED, SKIPPED, MISSED, CANCELLED);
            case STARTED -> EnumSet.of(COMPLETED, FAILED, SKIPPED, MISSED);
            default -> EnumSet.noneOf(PlayState.class);
        };
    }

    public boolean canBecome(PlayState target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
