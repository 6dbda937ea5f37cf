package dev.tocsin.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.schedule.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator submits. Either {@code templateId} (+ {@code templateVersion}, {@code variables})
 * or free {@code text}. {@code channels}: "sms", "loudspeaker". {@code priority}: "routine" or
 * "urgent". {@code status}: "actual", "exercise", "test". {@code quietHours}: "wait" or "skip".
 */
public record BroadcastRequest(
        String templateId,
        Integer templateVersion,
        Map<String, JsonNode> variables,
        String text,
        String language,
        String dialect,
        List<String> channels,
        String priority,
        String status,
        Audience audience,
        ScheduleSpec schedule,
        String quietHours) {

    public record Audience(List<String> areaCodes, Set<String> tags, Set<String> languages) {}
}
