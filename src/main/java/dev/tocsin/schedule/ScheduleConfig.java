package dev.tocsin.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.util.Map;

/** Schedule expansion limits and quiet hours per channel, with per-area overrides. */
@ConfigMapping(prefix = "tocsin.schedule")
public interface ScheduleConfig {

    /** Most occurrences one broadcast may expand to. */
    @WithDefault("500")
    int maxOccurrences();

    QuietWindow smsQuiet();

    QuietWindow loudspeakerQuiet();

    /** Overrides by area code, e.g. tocsin.schedule.area-quiet."430902101".loudspeaker-start=21:00. */
    Map<String, AreaQuiet> areaQuiet();

    interface QuietWindow {
        LocalTime start();

        LocalTime end();
    }

    interface AreaQuiet {
        java.util.Optional<LocalTime> smsStart();

        java.util.Optional<LocalTime> smsEnd();

        java.util.Optional<LocalTime> loudspeakerStart();

        java.util.Optional<LocalTime> loudspeakerEnd();
    }
}
