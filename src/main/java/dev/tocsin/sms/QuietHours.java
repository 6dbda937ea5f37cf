package dev.tocsin.sms;

import dev.tocsin.platform.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The nightly window in which routine SMS are not sent (in the district's zone). */
@ApplicationScoped
public class QuietHours {

    private final SmsConfig.QuietHours config;
    private final TocsinConfig tocsin;

    QuietHours(SmsConfig sms, TocsinConfig tocsin) {
        this.config = sms.quietHours();
        this.tocsin = tocsin;
    }

    /** When the quiet window containing {@code now} ends, or empty if sending is allowed. */
    public Optional<Instant> blockedUntil(Instant now) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return blockedUntil(now, config.start(), config.end(), tocsin.zone());
    }

    static Optional<Instant> blockedUntil(Instant now, LocalTime start, LocalTime end, ZoneId zone) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean inside = wraps ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!inside) {
            return Optional.empty();
        }
        ZonedDateTime until = local.with(end);
        if (!until.isAfter(local)) {
            until = until.plusDays(1);
        }
        return Optional.of(until.toInstant());
    }
}
