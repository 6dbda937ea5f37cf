package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CAP 1.2 info/category: the hazard family of a notice. */
public enum CapCategory {
    GEO("Geo"),
    MET("Met"),
    SAFETY("Safety"),
    SECURITY("Security"),
    RESCUE("Rescue"),
    FIRE("Fire"),
    HEALTH("Health"),
    ENV("Env"),
    TRANSPORT("Transport"),
    INFRA("Infra"),
    CBRNE("CBRNE"),
    OTHER("Other");

    private final String cap;

    CapCategory(String cap) {
        this.cap = cap;
    }

    /** The value as CAP 1.2 spells it. */
    @JsonValue
    public String cap() {
        return cap;
    }

    @JsonCreator
    public static CapCategory of(String value) {
        return CapVocabulary.parse(values(), CapCategory::cap, value);
    }
}
