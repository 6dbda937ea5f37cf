package dev.tocsin.audience;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a resident receives routine SMS notices. */
public enum Consent {
    SUBSCRIBED,
    OPTED_OUT;

    @JsonValue
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
