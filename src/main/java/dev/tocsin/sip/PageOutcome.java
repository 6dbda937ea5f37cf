package dev.tocsin.sip;

/** How a page ended; see docs/SIP.md for the SIP status mapping. */
public enum PageOutcome {
    COMPLETED,
    BUSY,
    NO_ANSWER,
    REJECTED,
    UNREACHABLE,
    FAILED,
    /** Tocsin ended the page itself (the caller's stop signal): before the answer or mid-programme. */
    STOPPED
}
