package dev.tocsin.audience;

import com.fasterxml.jackson.annotation.JsonValue;

/** Levels of the administrative tree, from district down to village or community. */
public enum AreaKind {
    PROVINCE, CITY, DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT, PARK, VILLAGE, COMMUNITY, OTHER;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }
}
