package dev.tocsin.sms;

/** Routine SMS respect quiet hours and opt-outs; urgent warnings bypass both. */
public enum Priority {
    ROUTINE,
    URGENT;

    public static Priority parse(String value) {
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("priority must be routine or urgent");
    }
}
