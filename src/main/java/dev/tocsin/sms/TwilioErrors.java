package dev.tocsin.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.tocsin.sms.SmsGateway.FailureKind;
import dev.tocsin.sms.SmsGateway.Refused;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.apache.http.conn.ConnectTimeoutException;

/** Maps Twilio errors to what the outbox does with them. */
final class TwilioErrors {

    static final int UNSUBSCRIBED = 21610;
    static final int TOO_MANY_REQUESTS = 20429;
    static final int QUEUE_OVERFLOW = 30001;

    /** Error codes that no retry can fix, with the reason staff see. */
    private static final Map<Integer, String> PERMANENT = Map.ofEntries(
            Map.entry(21211, "invalid 'To' phone number"),
            Map.entry(21408, "sending to this region is not enabled on the account"),
            Map.entry(21610, "recipient unsubscribed (replied STOP)"),
            Map.entry(21612, "the 'To' number cannot be reached from this sender"),
            Map.entry(21614, "'To' number is not a mobile number"),
            Map.entry(21606, "the 'From' number cannot send SMS"),
            Map.entry(21617, "message body exceeds the length limit"),
            Map.entry(21602, "message body is required"),
            Map.entry(21604, "'To' phone number is required"),
            Map.entry(30007, "message filtered by the carrier"));

    private TwilioErrors() {}

    static Refused classify(ApiException e, Duration retryAfter) {
        Integer code = e.getCode();
        Integer status = e.getStatusCode();
        String message = e.getMessage();
        if ((status != null && status == 429) || (code != null && code == TOO_MANY_REQUESTS)) {
            return new Refused(
                    FailureKind.TRANSIENT, code, status, "rate limited by provider: " + message, retryAfter, null);
        }
        if (code != null && code == QUEUE_OVERFLOW) {
            return Refused.of(FailureKind.TRANSIENT, code, status, "sender queue overflow: " + message);
        }
        if (code != null && PERMANENT.containsKey(code)) {
            return Refused.of(FailureKind.PERMANENT, code, status, PERMANENT.get(code) + " (" + code + ")");
        }
        if (status != null && status >= 500) {
            // The request may have been processed before the error: look before retrying.
            return Refused.of(FailureKind.UNCERTAIN, code, status, "provider error HTTP " + status + ": " + message);
        }
        if (status != null && (status == 401 || status == 403 || status == 404)) {
            // Account or configuration problem: fixable by staff, so keep retrying until the deadline.
            return Refused.of(
                    FailureKind.TRANSIENT,
                    code,
                    status,
                    "provider refused the account (HTTP " + status + "): " + message);
        }
        return Refused.of(FailureKind.PERMANENT, code, status, "rejected by provider: " + message);
    }

    static Refused classify(ApiConnectionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException
                || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException) {
            return Refused.of(FailureKind.TRANSIENT, null, null, "provider unreachable: " + e.getMessage());
        }
        if (cause instanceof SocketTimeoutException) {
            return Refused.of(
                    FailureKind.UNCERTAIN, null, null, "no answer within the read timeout (may have been accepted)");
        }
        return Refused.of(FailureKind.UNCERTAIN, null, null, "connection failed mid-request: " + e.getMessage());
    }
}
