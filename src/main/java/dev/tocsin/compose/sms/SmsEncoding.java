package dev.tocsin.compose.sms;

/** How an SMS body travels: 7-bit GSM default alphabet or 16-bit UCS-2. */
public enum SmsEncoding {
    GSM_7(160, 153),
    UCS_2(70, 67);

    /** Units (septets or UTF-16 code units) that fit in a single-part message. */
    public final int singleLimit;
    /** Units per part once the message is split (the rest carries the concatenation header). */
    public final int partLimit;

    SmsEncoding(int singleLimit, int partLimit) {
        this.singleLimit = singleLimit;
        this.partLimit = partLimit;
    }

    /** As the GSM and SMS specifications spell it: GSM-7, UCS-2 (also in JSON). */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().replace('_', '-');
    }

    @Override
    public String toString() {
        return label();
    }
}
