package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CAP 1.2 info/severity. */
public enum CapSeverity {
    EXTREME("Extreme"),
    SEVERE("Severe"),
    MODERATE("Moderate"),
    MINOR("Minor"),
    UNKNOWN("Unknown");

    private final String cap;

    CapSeverity(String cap) {
        this.cap = cap;
    }

    /** The value as CAP 1.2 spells it. */
    @JsonValue
    public String cap() {
        return cap;
    }

    @JsonCreator
    public static CapSeverity of(String value) {
        return CapVocabulary.parse(values(), CapSeverity::cap, value);
    }
}
