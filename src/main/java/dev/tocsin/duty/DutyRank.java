package dev.tocsin.duty;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A/B roles: the primary (A角) is messaged first, the backup (B角) when the primary does not answer. */
public enum DutyRank {
    PRIMARY,
    BACKUP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** primary/backup, also A/B, A角/B角 as spreadsheets write them. */
    @JsonCreator
    public static DutyRank of(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "PRIMARY", "A", "A角" -> PRIMARY;
            case "BACKUP", "B", "B角" -> BACKUP;
            default -> throw new IllegalArgumentException("must be primary or backup (A角 or B角)");
        };
    }
}
