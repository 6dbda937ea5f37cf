package dev.tocsin.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.alert.WarningColour;
import dev.tocsin.schedule.ScheduleSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator (REST), the console form or a CAP rule submits: the one broadcast command,
 * typed. Jackson reads the enums (an unknown value is a 400 naming the field); the constraints
 * below are checked by {@link BroadcastService} for every edge alike. Either {@code templateId}
 * (+ {@code templateVersion}, {@code variables}) or free {@code text} (+ optional {@code textEn},
 * the English SMS, and {@code keyInstruction}, which the loudspeaker repeats). {@code title} is
 * optional: free text is otherwise titled by its first words. {@code colour}, optional, overrides
 * the warning colour taken from the template's CAP severity. {@code channelSchedules}, optional,
 * gives a channel its own times (keyed by channel id); {@code schedule} covers the others.
 * {@code repeatYearly}, optional, makes a seasonal or campaign broadcast come back every year.
 * {@code recordingId}, optional, names a notice recording the loudspeakers play instead of
 * synthesized speech (the SMS is still the text).
 */
public record BroadcastRequest(
        String templateId,
        Integer templateVersion,
        Map<String, JsonNode> variables,

        @Size(max = 4000, message = "must be at most 4000 characters")
        String text,

        @Size(max = 4000, message = "must be at most 4000 characters")
        String textEn,

        @Size(max = 200, message = "must be at most 200 characters")
        String keyInstruction,

        @Size(max = 80, message = "must be at most 80 characters")
        String title,

        @NotBlank(message = "is required") String language,
        String dialect,

        @NotEmpty(message = "name at least one of sms, loudspeaker")
        Set<Channel> channels,

        Urgency priority,
        CapStatus status,
        @NotNull(message = "is required") @Valid Audience audience,
        @NotNull(message = "is required") ScheduleSpec schedule,
        QuietPolicy quietHours,
        // The warning colour when it is not the one the template's CAP severity gives (叫应 policy).
        WarningColour colour,
        Map<String, ScheduleSpec> channelSchedules,
        // Next year's copy (its seasonal or campaign schedule one year on) goes to approval when this one ends.
        Boolean repeatYearly,
        // A staff recording (kind notice) the loudspeakers play instead of synthesized speech; SMS stays text.
        Long recordingId) {

    public record Audience(
            @NotEmpty(message = "name at least one area") List<String> areaCodes,
            Set<String> tags,
            Set<String> languages) {

        public static Audience areas(List<String> areaCodes) {
            return new Audience(areaCodes, null, null);
        }
    }

    /** {@code priority}, routine when not given. */
    public Urgency urgency() {
        return priority == null ? Urgency.ROUTINE : priority;
    }

    /** {@code status}, actual when not given. */
    public CapStatus capStatus() {
        return status == null ? CapStatus.ACTUAL : status;
    }

    /** {@code repeatYearly}, false when not given. */
    public boolean repeatsYearly() {
        return Boolean.TRUE.equals(repeatYearly);
    }

    /** {@code quietHours}, wait when not given. */
    public QuietPolicy quietPolicy() {
        return quietHours == null ? QuietPolicy.WAIT : quietHours;
    }
}
