package dev.tocsin.sms;

import java.time.Instant;
import java.util.Map;

/**
 * What the broadcast feature asks for. {@code externalRef} (e.g. a broadcast occurrence id)
 * makes the call idempotent: dispatching it again resumes, never duplicates. {@code bodies}
 * maps a language tag (zh-CN, en) to its text; {@code body} is for everyone else.
 */
public record SmsDispatchRequest(String externalRef, String body, Map<String, String> bodies,
        Priority priority, Instant validUntil, String createdBy) {

    public SmsDispatchRequest {
        bodies = bodies == null ? Map.of() : Map.copyOf(bodies);
    }

    public static SmsDispatchRequest of(String externalRef, String body, Priority priority, String createdBy) {
        return new SmsDispatchRequest(externalRef, body, Map.of(), priority, null, createdBy);
    }
}
