package dev.tocsin.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Twilio's JSON shapes (snake_case, RFC 2822 dates), so the SDK parses the sandbox's answers. */
final class SandboxJson {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private SandboxJson() {}

    static String messagesUri(String accountSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages";
    }

    static Map<String, Object> message(SandboxMessage m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", m.accountSid);
        j.put("api_version", "2010-04-01");
        j.put("body", m.body);
        j.put("date_created", date(m.dateCreated));
        j.put("date_sent", date(m.dateSent));
        j.put("date_updated", date(m.dateUpdated));
        j.put("direction", "outbound-api");
        j.put("error_code", m.errorCode);
        j.put("error_message", m.errorCode == null ? null : "Unreachable destination handset");
        j.put("from", m.from);
        j.put("messaging_service_sid", m.messagingServiceSid);
        j.put("num_media", "0");
        j.put("num_segments", String.valueOf(m.numSegments));
        j.put("price", null);
        j.put("price_unit", "USD");
        j.put("sid", m.sid);
        j.put("status", m.status);
        j.put("subresource_uris", Map.of("media", messagesUri(m.accountSid) + "/" + m.sid + "/Media.json"));
        j.put("to", m.to);
        j.put("uri", messagesUri(m.accountSid) + "/" + m.sid + ".json");
        return j;
    }

    static String callsUri(String accountSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Calls";
    }

    static Map<String, Object> call(SandboxCall c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid);
        j.put("annotation", null);
        j.put("answered_by", null);
        j.put("api_version", "2010-04-01");
        j.put("caller_name", null);
        j.put("date_created", date(c.dateCreated));
        j.put("date_updated", date(c.dateUpdated));
        j.put("direction", "outbound-api");
        j.put("duration", null);
        j.put("end_time", null);
        j.put("forwarded_from", null);
        j.put("from", c.from);
        j.put("from_formatted", c.from);
        j.put("group_sid", null);
        j.put("parent_call_sid", null);
        j.put("phone_number_sid", null);
        j.put("price", null);
        j.put("price_unit", "USD");
        j.put("queue_time", "0");
        j.put("sid", c.sid);
        j.put("start_time", null);
        j.put("status", c.status);
        j.put("subresource_uris", Map.of("recordings", callsUri(c.accountSid) + "/" + c.sid + "/Recordings.json"));
        j.put("to", c.to);
        j.put("to_formatted", c.to);
        j.put("trunk_sid", null);
        j.put("uri", callsUri(c.accountSid) + "/" + c.sid + ".json");
        return j;
    }

    /** What the sandbox admin listing shows of a call, the TwiML and the simulated outcome included. */
    static Map<String, Object> callRecord(SandboxCall c) {
        Map<String, Object> j = call(c);
        j.put("outcome", c.outcome);
        j.put("digits", c.digits);
        j.put("twiml", c.twiml);
        j.put("url", c.url);
        return j;
    }

    static Map<String, Object> error(int code, String message, int status) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("code", code);
        j.put("message", message);
        j.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        j.put("status", status);
        return j;
    }

    private static String date(Instant i) {
        return i == null ? null : RFC_2822.format(i);
    }
}
