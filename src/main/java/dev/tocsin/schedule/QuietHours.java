package dev.tocsin.schedule;

import dev.tocsin.alert.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Optional;

/**
 * Quiet hours per channel, with per-area overrides. A routine occurrence inside any window of
 * its channels and areas waits to the latest window end (or is skipped, per the broadcast's
 * policy); urgent actual alerts ignore quiet hours; exercises always obey them.
 */
@ApplicationScoped
public class QuietHours {

    /** Where an occurrence lands: {@code dueAt}, and {@code shiftedFrom} when a window moved it. */
    public record Placement(Instant dueAt, Instant shiftedFrom, String reason) {
        public boolean shifted() {
            return shiftedFrom != null;
        }
    }

    /** From start to end local time, across midnight when start > end; start = end is empty. */
    public record Window(Channel channel, LocalTime start, LocalTime end) {
        boolean contains(LocalTime t) {
            return start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        }
    }

    private final ScheduleConfig config;

    QuietHours(ScheduleConfig config) {
        this.config = config;
    }

    /**
     * When the channel's district-wide window containing {@code now} ends, or empty when it may
     * go out now: the check made at the moment of sending (the SMS outbox holds a routine SMS
     * that reaches the provider late, e.g. after retries, until the window ends).
     */
    public Optional<Instant> blockedUntil(Channel channel, Instant now, ZoneId zone) {
        Placement p = place(now, zone, java.util.List.of(channel), java.util.List.of(), false, false);
        return p.shifted() ? Optional.of(p.dueAt()) : Optional.empty();
    }

    public boolean bypasses(boolean urgent, boolean exercise) {
        return urgent && !exercise;
    }

    /** Moves {@code due} out of every window that applies; at most a few rounds since windows are daily. */
    public Placement place(
            Instant due,
            ZoneId zone,
            Collection<Channel> channels,
            Collection<String> areaCodes,
            boolean urgent,
            boolean exercise) {
        if (bypasses(urgent, exercise)) {
            return new Placement(due, null, null);
        }
        Instant at = due;
        String reason = null;
        for (int round = 0; round < 4; round++) {
            boolean moved = false;
            for (Channel c : channels) {
                for (Window w : windows(c, areaCodes)) {
                    ZonedDateTime local = at.atZone(zone);
                    if (w.contains(local.toLocalTime())) {
                        ZonedDateTime end = local.with(w.end());
                        if (!end.isAfter(local)) {
                            end = end.plusDays(1).with(w.end());
                        }
                        at = end.toInstant();
                        reason = c.name().toLowerCase() + " quiet hours " + w.start() + "-" + w.end();
                        moved = true;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return at.equals(due) ? new Placement(due, null, null) : new Placement(at, due, reason);
    }

    java.util.List<Window> windows(Channel channel, Collection<String> areaCodes) {
        // A phone rings where an SMS arrives: voice calls keep the SMS hours (they are urgent-only,
        // and urgent broadcasts pass quiet hours, so this matters only if that ever changes).
        boolean phone = switch (channel) {
            case SMS, VOICE -> true;
            case LOUDSPEAKER -> false;
        };
        ScheduleConfig.QuietWindow def = phone ? config.smsQuiet() : config.loudspeakerQuiet();
        java.util.List<Window> out = new java.util.ArrayList<>();
        out.add(new Window(channel, def.start(), def.end()));
        for (String code : areaCodes) {
            ScheduleConfig.AreaQuiet a = config.areaQuiet().get(code);
            if (a == null) {
                continue;
            }
            Optional<LocalTime> s = phone ? a.smsStart() : a.loudspeakerStart();
            Optional<LocalTime> e = phone ? a.smsEnd() : a.loudspeakerEnd();
            if (s.isPresent() && e.isPresent()) {
                out.add(new Window(channel, s.get(), e.get()));
            }
        }
        return out;
    }
}
