package dev.tocsin.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A delivery channel: where a rendition goes, with its own quiet hours (the one type for it). */
public enum Channel {
    SMS,
    LOUDSPEAKER;

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
