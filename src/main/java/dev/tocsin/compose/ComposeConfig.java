package dev.tocsin.compose;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;

/** Settings of the composition feature: SMS signature, dialect files, calendar and campaigns. */
@ConfigMapping(prefix = "tocsin.compose")
public interface ComposeConfig {

    /**
     * Directory of dialect profile files (*.dialect). Read at start-up; when it does not exist
     * the copies packaged in the application are used.
     */
    @WithDefault("audio-templates/dialects")
    String dialectsDir();

    Sms sms();

    Calendar calendar();

    /** Seasonal campaigns by id, each relative to calendar anchors (see docs/COMPOSE.md). */
    Map<String, Campaign> campaigns();

    interface Sms {
        /** Sender signature of Chinese SMS, as registered with the carrier, e.g. 【资阳区应急管理局】. */
        Optional<String> signature();

        /** Sender signature of English SMS, e.g. [Ziyang Emergency]; none when unset. */
        Optional<String> signatureEn();

        /** Where the signature goes; mainland China carriers require it at the start. */
        @WithDefault("START")
        SignaturePosition signaturePosition();
    }

    enum SignaturePosition {
        START,
        END
    }

    interface Calendar {
        /** First day of the heating (charcoal-burning) season, ISO month-day: --11-15. */
        @WithDefault("--11-15")
        MonthDay heatingSeasonStart();

        /** Last day of the heating season, ISO month-day: --03-15 (in the following year). */
        @WithDefault("--03-15")
        MonthDay heatingSeasonEnd();

        /** Longest range GET /api/calendar answers, in years. */
        @WithDefault("5")
        int maxRangeYears();
    }

    interface Campaign {
        /** Description shown to staff. */
        Optional<String> description();

        /** First day, an anchor with an optional day offset: SPRING_FESTIVAL-10d. */
        String from();

        /** Last day, same form: LANTERN_FESTIVAL. */
        String to();

        /** Interval between notices in days (1 = daily). */
        @WithDefault("1")
        int everyDays();
    }
}
