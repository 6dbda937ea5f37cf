package dev.tocsin.compose.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kinds of template variables. Values arrive as JSON: text, area and phone as strings, number
 * as a number, date as YYYY-MM-DD, date range as {"from": date, "to": date} or "date/date",
 * time as HH:MM.
 */
public enum VariableType {
    TEXT,
    NUMBER,
    DATE,
    DATE_RANGE,
    TIME,
    AREA,
    PHONE;

    @JsonValue
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    @JsonCreator
    public static VariableType of(String value) {
        for (VariableType t : values()) {
            if (t.id().equalsIgnoreCase(value) || t.name().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be one of text, number, date, date-range, time, area, phone");
    }
}
