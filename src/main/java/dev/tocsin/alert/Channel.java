package dev.tocsin.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A delivery channel: where a rendition goes, with its own quiet hours (the one type for it).
 * {@link #VOICE} has no rendition of its own: it phones residents who prefer a call and plays
 * the loudspeaker programme, for urgent broadcasts only.
 */
public enum Channel {
    SMS,
    LOUDSPEAKER,
    VOICE;

    /** Whether templates carry a text for this channel (voice plays the loudspeaker programme). */
    public boolean hasRendition() {
        return switch (this) {
            case SMS, LOUDSPEAKER -> true;
            case VOICE -> false;
        };
    }

    /** The id, so that templates and messages show what the API shows. */
    @Override
    public String toString() {
        return id();
    }

    @JsonValue
    public String id() {
        return WireNames.id(this);
    }

    @JsonCreator
    public static Channel of(String value) {
        return WireNames.parse(Channel.class, value);
    }
}
