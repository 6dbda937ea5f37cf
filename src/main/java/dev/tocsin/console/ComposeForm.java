package dev.tocsin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.CapStatus;
import dev.tocsin.broadcast.QuietPolicy;
import dev.tocsin.schedule.ScheduleKind;
import dev.tocsin.schedule.ScheduleSpec;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The compose form as posted. Field names are the API's field names ({@code templateId},
 * {@code variables.area}, {@code audience.areaCodes}, {@code schedule.at}, ...), so the errors
 * the broadcast and compose services report land next to the right input. Parsing only turns
 * text into the request's types; every rule is the services' own.
 */
public final class ComposeForm {

    private final MultivaluedMap<String, String> raw;

    public ComposeForm(MultivaluedMap<String, String> raw) {
        this.raw = raw == null ? new MultivaluedHashMap<>() : raw;
    }

    public String value(String name) {
        String v = raw.getFirst(name);
        return v == null ? "" : v;
    }

    /** A part of a two-input field, e.g. {@code part("variables.period", "from")}. */
    public String part(String name, String suffix) {
        return value(name + "." + suffix);
    }

    public boolean checked(String name, String value) {
        List<String> values = raw.get(name);
        return values != null && values.contains(value);
    }

    public boolean has(String name) {
        return raw.containsKey(name);
    }

    public MultivaluedMap<String, String> raw() {
        return raw;
    }

    /** Builds the API request; values that are not even the right type are put in {@code errors}. */
    public BroadcastRequest request(Map<String, String> errors) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : list("channels")) {
            Channel channel = typed("channels", c, Channel::of, errors);
            if (channel != null) {
                channels.add(channel);
            }
        }
        return new BroadcastRequest(
                blank(value("templateId")),
                null,
                variables(),
                blank(value("text")),
                blank(value("textEn")),
                blank(value("keyInstruction")),
                blank(value("title")),
                blank(value("language")),
                blank(value("dialect")),
                channels,
                typed("priority", blank(value("priority")), Urgency::of, errors),
                typed("status", blank(value("status")), CapStatus::of, errors),
                BroadcastRequest.Audience.areas(list("audience.areaCodes")),
                schedule(errors),
                typed("quietHours", blank(value("quietHours")), QuietPolicy::of, errors),
                typed("colour", blank(value("colour")), dev.tocsin.alert.WarningColour::of, errors),
                channelSchedules(errors),
                "on".equals(value("repeatYearly")) ? Boolean.TRUE : null,
                typed("recordingId", blank(value("recordingId")), Long::valueOf, errors));
    }

    /** The channels given their own times (kind once or recurring); null when none is. */
    Map<String, ScheduleSpec> channelSchedules(Map<String, String> errors) {
        Map<String, ScheduleSpec> out = new java.util.TreeMap<>();
        for (String channel : List.of("sms", "loudspeaker")) {
            String prefix = "channelSchedules." + channel;
            if (!value(prefix + ".kind").isBlank()) {
                out.put(channel, spec(prefix, errors));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** A value read as the API reads it; a bad one goes to {@code errors} with the API's words. */
    private static <T> T typed(String field, String value, Function<String, T> parse, Map<String, String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            errors.putIfAbsent(field, e.getMessage());
            return null;
        }
    }

    Map<String, JsonNode> variables() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Map<String, String> fromSchedule = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (!key.startsWith("variables.")) {
                continue;
            }
            String name = key.substring("variables.".length());
            String text = value(key).strip();
            if (name.endsWith(".fromSchedule")) {
                // A ticked "from the schedule" box: its value is the reference (@schedule, @schedule.from).
                fromSchedule.put(name.substring(0, name.length() - ".fromSchedule".length()), text);
            } else if (name.endsWith(".from") || name.endsWith(".to")) {
                // A date range comes as two date inputs: variables.period.from and variables.period.to.
                int dot = name.lastIndexOf('.');
                String base = name.substring(0, dot);
                if (text.isEmpty()) {
                    continue;
                }
                JsonNode existing = out.get(base);
                ObjectNode range = existing instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
                range.put(name.substring(dot + 1), text);
                out.put(base, range);
            } else if (!text.isEmpty()) {
                out.put(name, TextNode.valueOf(text));
            }
        }
        fromSchedule.forEach((name, reference) -> out.put(name, TextNode.valueOf(reference)));
        return out;
    }

    private static final List<String> OTHER_KINDS_FIELDS = List.of(
            "schedule.at",
            "schedule.times",
            "schedule.from",
            "schedule.to",
            "schedule.cron",
            "schedule.seasonFrom",
            "schedule.seasonTo",
            "schedule.campaign",
            "schedule.year");

    ScheduleSpec schedule(Map<String, String> errors) {
        return spec("schedule", errors);
    }

    /** The spec in the fields named {@code prefix.kind}, {@code prefix.at}, ... */
    private ScheduleSpec spec(String prefix, Map<String, String> errors) {
        String kindText = value(prefix + ".kind").isBlank() ? "NOW" : value(prefix + ".kind");
        ScheduleKind kind;
        try {
            kind = ScheduleKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.putIfAbsent(prefix + ".kind", "must be one of now, once, recurring, cron, seasonal");
            return null;
        }
        return switch (kind) {
            case NOW -> {
                // A date left in a field of another kind must not be silently dropped: staff who
                // typed it believe the notice is scheduled.
                for (String field : OTHER_KINDS_FIELDS) {
                    field = field.replaceFirst("^schedule", prefix);
                    if (!value(field).isBlank()) {
                        errors.putIfAbsent(
                                field, "'now' sends at once: clear this or choose the schedule it belongs to");
                    }
                }
                yield ScheduleSpec.now();
            }
            case ONCE ->
                new ScheduleSpec(
                        kind, null, dateTime(prefix + ".at", errors), null, null, null, null, null, null, null);
            case RECURRING ->
                new ScheduleSpec(
                        kind,
                        null,
                        null,
                        times(prefix, errors),
                        date(prefix + ".from", errors),
                        date(prefix + ".to", errors),
                        null,
                        null,
                        null,
                        null);
            case CRON ->
                new ScheduleSpec(
                        kind,
                        null,
                        null,
                        null,
                        date(prefix + ".from", errors),
                        date(prefix + ".to", errors),
                        blank(value(prefix + ".cron")),
                        null,
                        null,
                        null);
            case SEASONAL ->
                new ScheduleSpec(
                        kind,
                        null,
                        null,
                        times(prefix, errors),
                        null,
                        null,
                        null,
                        blank(value(prefix + ".seasonFrom")),
                        blank(value(prefix + ".seasonTo")),
                        year(prefix, errors));
            case CAMPAIGN ->
                new ScheduleSpec(
                        kind,
                        null,
                        null,
                        times(prefix, errors),
                        null,
                        null,
                        null,
                        null,
                        null,
                        year(prefix, errors),
                        blank(value(prefix + ".campaign")));
        };
    }

    private List<String> list(String name) {
        List<String> values = raw.get(name);
        return values == null
                ? List.of()
                : values.stream().filter(v -> !v.isBlank()).toList();
    }

    private LocalDateTime dateTime(String field, Map<String, String> errors) {
        String v = value(field).strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            errors.putIfAbsent(field, "must be a date and time such as 2027-01-20T07:30");
            return null;
        }
    }

    private LocalDate date(String field, Map<String, String> errors) {
        String v = value(field).strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.putIfAbsent(field, "must be a date such as 2027-01-20");
            return null;
        }
    }

    private List<LocalTime> times(String prefix, Map<String, String> errors) {
        List<LocalTime> out = new ArrayList<>();
        for (String part : value(prefix + ".times").split("[,，\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(LocalTime.parse(part.length() == 4 ? "0" + part : part));
            } catch (DateTimeParseException e) {
                errors.putIfAbsent(prefix + ".times", "'" + part + "' is not a time such as 07:30");
            }
        }
        return out;
    }

    private Integer year(String prefix, Map<String, String> errors) {
        String v = value(prefix + ".year").strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            errors.putIfAbsent(prefix + ".year", "must be a year such as 2027");
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
