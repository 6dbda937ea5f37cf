package dev.tocsin.duty;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The days a person holds their post: weekdays (a weekly rota) and single dates (a duty table),
 * in the district's calendar. A person without a rota holds the post every day.
 */
public record DutyRota(Set<DayOfWeek> weekdays, SortedSet<LocalDate> dates) {

    static final int MAX_DATES = 80;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;，；、]+");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final String[] ID = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final Map<String, DayOfWeek> DAYS = days();

    public DutyRota {
        weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
        dates = Collections.unmodifiableSortedSet(new TreeSet<>(dates));
    }

    public boolean covers(LocalDate day) {
        return weekdays.contains(day.getDayOfWeek()) || dates.contains(day);
    }

    /**
     * Reads what staff type or a spreadsheet holds: {@code mon,wed}, {@code 周一、周三},
     * {@code 2026-12-05 2026/12/6}. Blank is no rota.
     *
     * @throws IllegalArgumentException saying which item is not a weekday or a date
     */
    public static DutyRota parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        SortedSet<LocalDate> dates = new TreeSet<>();
        for (String item : SEPARATORS.split(raw.strip())) {
            if (item.isEmpty()) {
                continue;
            }
            DayOfWeek day = DAYS.get(item.toLowerCase(Locale.ROOT));
            if (day != null) {
                weekdays.add(day);
                continue;
            }
            dates.add(date(item));
        }
        if (dates.size() > MAX_DATES) {
            throw new IllegalArgumentException(
                    "at most " + MAX_DATES + " dates; list the weekdays of a weekly rota instead");
        }
        return weekdays.isEmpty() && dates.isEmpty() ? null : new DutyRota(weekdays, dates);
    }

    private static LocalDate date(String item) {
        Matcher m = DATE.matcher(item);
        if (m.matches()) {
            try {
                LocalDate d = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                if (d.getYear() >= 2000 && d.getYear() <= 2100) {
                    return d;
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + item + "' is not a date in the calendar");
            }
        }
        throw new IllegalArgumentException(
                "'" + item + "' is neither a weekday (mon … sun, 周一 … 周日) nor a date (2026-12-05)");
    }

    /** The stored and shown form: weekdays first, then dates, e.g. {@code mon,thu,2026-12-05}. */
    public String text() {
        return Stream.concat(
                        weekdays.stream().sorted().map(d -> ID[d.ordinal()]),
                        dates.stream().map(LocalDate::toString))
                .collect(Collectors.joining(","));
    }

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> m = new java.util.HashMap<>();
        String[] zh = {"一", "二", "三", "四", "五", "六", "日"};
        for (DayOfWeek d : DayOfWeek.values()) {
            int i = d.ordinal();
            m.put(ID[i], d);
            m.put(d.name().toLowerCase(Locale.ROOT), d);
            m.put("周" + zh[i], d);
            m.put("星期" + zh[i], d);
        }
        m.put("周天", DayOfWeek.SUNDAY);
        m.put("星期天", DayOfWeek.SUNDAY);
        return Map.copyOf(m);
    }

    /** Stores a rota as its {@link #text()}; no rota is NULL. */
    @Converter
    public static class Column implements AttributeConverter<DutyRota, String> {
        @Override
        public String convertToDatabaseColumn(DutyRota rota) {
            return rota == null ? null : rota.text();
        }

        @Override
        public DutyRota convertToEntityAttribute(String text) {
            return parse(text);
        }
    }
}
