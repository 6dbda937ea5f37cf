package dev.tocsin.duty;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a 叫应 was answered: an SMS reply or the signed link in the SMS, or 1 pressed on a voice call. */
public enum AnswerChannel {
    SMS,
    LINK,
    CALL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
