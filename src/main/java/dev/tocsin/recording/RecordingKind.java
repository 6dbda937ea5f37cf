package dev.tocsin.recording;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a recording is for: a whole notice, or a phrase or slot of a phrase bank. */
public enum RecordingKind {
    NOTICE,
    PHRASE,
    SLOT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecordingKind> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    public boolean inBank() {
        return this != NOTICE;
    }
}
