package dev.tocsin.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One play of the terminal's queue, as the device API lists it (docs/TERMINALS.md). */
public record QueuedPlay(
        long playId,
        Priority priority,
        String state,
        Instant notBefore,
        Instant notAfter,
        String audioUrl,
        String audioKey,
        String sha256,
        List<Long> supersedes) {

    /** Rank order of the API's priorities: a higher one interrupts a lower one. */
    public enum Priority {
        ROUTINE,
        WARNING,
        URGENT;

        static Priority of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static QueuedPlay of(JsonNode p) {
        JsonNode audio = p.path("audio");
        List<Long> supersedes = new ArrayList<>();
        p.path("supersedes").forEach(n -> supersedes.add(n.asLong()));
        return new QueuedPlay(
                p.path("playId").asLong(),
                Priority.of(p.path("priority").asText("routine")),
                p.path("state").asText(),
                Instant.parse(p.path("notBefore").asText()),
                Instant.parse(p.path("notAfter").asText()),
                audio.path("url").asText(),
                audio.path("key").asText(),
                audio.path("sha256").asText(),
                List.copyOf(supersedes));
    }

    boolean windowOpenAt(Instant serverNow) {
        return !serverNow.isBefore(notBefore) && serverNow.isBefore(notAfter);
    }
}
