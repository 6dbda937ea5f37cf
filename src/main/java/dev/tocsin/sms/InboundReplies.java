package dev.tocsin.sms;

/**
 * A feature that reads inbound SMS before the opt-out keywords (the 叫应 answers of responsible
 * persons). The SMS feature knows nothing of it beyond this interface.
 */
public interface InboundReplies {

    /**
     * @param consumed the message was this feature's: answer with {@code reply} and do nothing else
     * @param reply the text to answer with; when not consumed, sent after the keyword's answer (null for none)
     */
    record Handling(boolean consumed, String reply) {
        public static Handling pass() {
            return new Handling(false, null);
        }
    }

    Handling inspect(String from, String body);
}
