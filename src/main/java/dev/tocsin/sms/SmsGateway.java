package dev.tocsin.sms;

import dev.tocsin.alert.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A provider that hands SMS to carriers. Twilio today; a domestic provider can sit behind it later. */
public interface SmsGateway {

    /** One attempt, never retried inside; the outcome says whether and when to try again. */
    SendResult send(OutboundSms sms);

    /** Messages the provider holds for {@code to} created at or after {@code since}, for reconciliation. */
    List<ProviderMessage> sentTo(String to, Instant since);

    record OutboundSms(String to, String body, Urgency priority, Duration validity) {}

    record ProviderMessage(String sid, String to, String body, Instant created) {}

    /** How a refused attempt must be handled. */
    enum FailureKind {
        /** Never retry: bad number, unsubscribed, not mobile... */
        PERMANENT,
        /** Not accepted: retry with backoff. */
        TRANSIENT,
        /** May or may not have been accepted (timeout, 5xx): ask the provider before retrying. */
        UNCERTAIN,
        /** Routine message inside quiet hours: try again when they end. */
        QUIET_HOURS
    }

    sealed interface SendResult {}

    record Accepted(String sid, int segments) implements SendResult {}

    record Refused(
            FailureKind kind,
            Integer errorCode,
            Integer httpStatus,
            String reason,
            Duration retryAfter,
            Instant notBefore)
            implements SendResult {

        static Refused of(FailureKind kind, Integer errorCode, Integer httpStatus, String reason) {
            return new Refused(kind, errorCode, httpStatus, reason, null, null);
        }
    }
}
