package dev.tocsin.broadcast;

import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.schedule.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A schedule to expand and place in quiet hours without saving a broadcast. */
public record SchedulePreview(
        ScheduleSpec schedule,
        Set<Channel> channels,
        Urgency priority,
        CapStatus status,
        List<String> areaCodes,
        QuietPolicy quietHours,
        Map<String, ScheduleSpec> channelSchedules) {

    /** The preview of what {@code request} would schedule. */
    public static SchedulePreview of(BroadcastRequest request) {
        return new SchedulePreview(
                request.schedule(),
                request.channels(),
                request.priority(),
                request.status(),
                request.audience() == null ? List.of() : request.audience().areaCodes(),
                request.quietHours(),
                request.channelSchedules());
    }
}
