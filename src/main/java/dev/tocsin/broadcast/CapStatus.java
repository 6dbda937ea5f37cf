package dev.tocsin.broadcast;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tocsin.alert.WireNames;

/**
 * CAP 1.2 alert status. An exercise (a drill) reaches its real audience, marked as one in every SMS
 * and spoken programme; a test is technical and reaches only test recipients and terminals.
 */
public enum CapStatus {
    ACTUAL,
    EXERCISE,
    TEST;

    public boolean testOnly() {
        return this == TEST;
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
    public static CapStatus of(String value) {
        return WireNames.parse(CapStatus.class, value);
    }
}
