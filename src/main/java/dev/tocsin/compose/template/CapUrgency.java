package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CAP 1.2 info/urgency. */
public enum CapUrgency {
    IMMEDIATE("Immediate"),
    EXPECTED("Expected"),
    FUTURE("Future"),
    PAST("Past"),
    UNKNOWN("Unknown");

    private final String cap;

    CapUrgency(String cap) {
        this.cap = cap;
    }

    /** The value as CAP 1.2 spells it. */
    @JsonValue
    public String cap() {
        return cap;
    }

    @JsonCreator
    public static CapUrgency of(String value) {
        return CapVocabulary.parse(values(), CapUrgency::cap, value);
    }
}
