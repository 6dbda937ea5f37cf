package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A delivery channel: where a rendition goes, with its own quiet hours (the one type for it). */
public enum Channel {
    SMS,
    LOUDSPEAKER;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Channel of(String value) {
        for (Channel c : values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be one of sms, loudspeaker");
    }
}
