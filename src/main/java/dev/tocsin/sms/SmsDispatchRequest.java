package dev.tocsin.sms;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the broadcast feature asks for. {@code externalRef} (e.g. a broadcast occurrence id)
 * makes the call idempotent: dispatching it again resumes, never duplicates. {@code bodies}
 * maps a language tag (zh-CN, en) to its text; {@code body} is for everyone else. {@code marked},
 * when set, gives some residents other texts (a correction sent to those who got the original).
 */
public record SmsDispatchRequest(
        String externalRef,
        String body,
        Map<String, String> bodies,
        Urgency priority,
        Instant validUntil,
        String createdBy,
        Marked marked) {

    /** Texts for these residents instead: per language, else {@code body}. */
    public record Marked(Set<Long> residents, String body, Map<String, String> bodies) {
        public Marked {
            residents = Set.copyOf(residents);
            bodies = bodies == null ? Map.of() : Map.copyOf(bodies);
        }

        String text(Recipient r) {
            return bodies.getOrDefault(r.language(), body);
        }
    }

    public SmsDispatchRequest {
        bodies = bodies == null ? Map.of() : Map.copyOf(bodies);
    }

    public SmsDispatchRequest(
            String externalRef,
            String body,
            Map<String, String> bodies,
            Urgency priority,
            Instant validUntil,
            String createdBy) {
        this(externalRef, body, bodies, priority, validUntil, createdBy, null);
    }

    public static SmsDispatchRequest of(String externalRef, String body, Urgency priority, String createdBy) {
        return new SmsDispatchRequest(externalRef, body, Map.of(), priority, null, createdBy);
    }
}
