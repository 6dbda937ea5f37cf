package dev.tocsin.audience;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Levels of the administrative tree, from district down to village or community. */
public enum AreaKind {
    PROVINCE,
    CITY,
    DISTRICT,
    TOWN,
    TOWNSHIP,
    SUBDISTRICT,
    PARK,
    VILLAGE,
    COMMUNITY,
    OTHER;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AreaKind of(String id) {
        return Arrays.stream(values())
                .filter(k -> k.id().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kind '" + id + "'; must be one of "
                        + Arrays.stream(values()).map(AreaKind::id).collect(Collectors.joining(", "))));
    }
}
