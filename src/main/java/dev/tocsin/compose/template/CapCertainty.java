package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CAP 1.2 info/certainty. */
public enum CapCertainty {
    OBSERVED("Observed"),
    LIKELY("Likely"),
    POSSIBLE("Possible"),
    UNLIKELY("Unlikely"),
    UNKNOWN("Unknown");

    private final String cap;

    CapCertainty(String cap) {
        this.cap = cap;
    }

    /** The value as CAP 1.2 spells it. */
    @JsonValue
    public String cap() {
        return cap;
    }

    @JsonCreator
    public static CapCertainty of(String value) {
        return CapVocabulary.parse(values(), CapCertainty::cap, value);
    }
}
