package dev.tocsin.duty;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a 叫应 was answered: an SMS reply or the signed link in the SMS. Voice calls come later. */
public enum AnswerChannel {
    SMS,
    LINK;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
