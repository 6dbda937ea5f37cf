package dev.tocsin.sip;

import java.util.Optional;

/** The two G.711 payloads of RFC 3551 that every SIP speaker understands. */
public enum Codec {
    PCMU(0),
    PCMA(8);

    public final int payloadType;

    Codec(int payloadType) {
        this.payloadType = payloadType;
    }

    public byte encode(short sample) {
        return this == PCMU ? G711.ulaw(sample) : G711.alaw(sample);
    }

    public short decode(byte code) {
        return this == PCMU ? G711.ulawDecode(code) : G711.alawDecode(code);
    }

    public static Optional<Codec> byPayloadType(int pt) {
        for (Codec c : values()) {
            if (c.payloadType == pt) return Optional.of(c);
        }
        return Optional.empty();
    }

    public static Codec byName(String name) {
        for (Codec c : values()) {
            if (c.name().equalsIgnoreCase(name)) return c;
        }
        throw new IllegalArgumentException("codec must be PCMU or PCMA: " + name);
    }
}
