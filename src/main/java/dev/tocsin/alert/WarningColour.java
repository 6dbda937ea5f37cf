package dev.tocsin.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The colour of a warning as Chinese warning signals grade it (红 red highest, then 橙 orange,
 * 黄 yellow, 蓝 blue). A broadcast takes it from its CAP severity unless staff name one; the
 * 叫应 policy (dev.tocsin.duty) is set per colour.
 */
public enum WarningColour {
    RED,
    ORANGE,
    YELLOW,
    BLUE;

    @Override
    public String toString() {
        return id();
    }

    @JsonValue
    public String id() {
        return WireNames.id(this);
    }

    @JsonCreator
    public static WarningColour of(String value) {
        return WireNames.parse(WarningColour.class, value);
    }
}
