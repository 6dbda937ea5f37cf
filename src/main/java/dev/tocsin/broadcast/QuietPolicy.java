package dev.tocsin.broadcast;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tocsin.alert.WireNames;

/** What a routine occurrence inside quiet hours does: wait for the window's end, or not fire. */
public enum QuietPolicy {
    WAIT,
    SKIP;

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
    public static QuietPolicy of(String value) {
        return WireNames.parse(QuietPolicy.class, value);
    }
}
