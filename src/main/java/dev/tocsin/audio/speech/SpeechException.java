package dev.tocsin.audio.speech;

/** A speech engine could not produce audio; {@link #reason()} says why in terms staff understand. */
public class SpeechException extends RuntimeException {

    public enum Reason {
        UNAVAILABLE,
        TIMEOUT,
        FAILED
    }

    private final Reason reason;

    public SpeechException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SpeechException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
