package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.tocsin.alert.WireNames;

/** How Tocsin itself plays to a terminal that does not poll: a SIP call, or RTP to a multicast group. */
public enum PagingKind {
    SIP,
    MULTICAST;

    @JsonValue
    public String id() {
        return WireNames.id(this);
    }
}
