package dev.tocsin.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How urgent an alert is: the one type for it across broadcasts, SMS, audio programmes and CAP
 * drafts. Routine notices respect quiet hours and opt-outs and use the routine programme; urgent
 * warnings bypass both and use the urgent programme.
 */
public enum Urgency {
    ROUTINE,
    URGENT;

    /** The id, so that templates and messages show what the API shows. */
    @Override
    public String toString() {
        return id();
    }

    @JsonValue
    public String id() {
        return WireNames.id(this);
    }

    public boolean urgent() {
        return this == URGENT;
    }

    /** The value as written in files and requests ({@code routine}, {@code urgent}), exactly. */
    public static Optional<Urgency> parse(String id) {
        return Arrays.stream(values()).filter(u -> u.id().equals(id)).findFirst();
    }

    @JsonCreator
    public static Urgency of(String value) {
        return WireNames.parse(Urgency.class, value);
    }
}
