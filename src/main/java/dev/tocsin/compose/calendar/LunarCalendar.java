package dev.tocsin.compose.calendar;

import java.time.LocalDate;

/**
 * The Chinese lunisolar calendar for lunar years 1900-2100, from the widely published compact
 * table derived from the Hong Kong Observatory's Gregorian-lunar conversion tables (the form
 * maintained in jjonline/calendar.js, which carries the corrections for 1933, 2033 and the
 * 1950s-1990s entries that older copies get wrong). It is a table on purpose: calendar
 * libraries that compute the calendar have been observed to put Spring Festival 2027 and
 * 2030 a day off.
 *
 * <p>Each entry encodes one lunar year: bits 15..4 say whether months 1..12 have 30 days (1) or
 * 29 (0); bits 3..0 give the leap month (0 = none); bit 16 says whether the leap month has
 * 30 days.
 */
public final class LunarCalendar {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2100;
    /** Gregorian date of lunar 1900-01-01. */
    private static final LocalDate EPOCH = LocalDate.of(1900, 1, 31);

    private static final int[] INFO = {
        0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900
        0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910
        0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920
        0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930
        0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940
        0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950
        0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960
        0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970
        0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980
        0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0, // 1990
        0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
        0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
        0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
        0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
        0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
        0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050
        0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
        0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
        0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
        0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090
        0x0d520, // 2100
    };

    /** Gregorian date of the first day of each lunar year, index = lunar year - FIRST_YEAR. */
    private static final LocalDate[] NEW_YEAR = new LocalDate[INFO.length + 1];

    static {
        LocalDate d = EPOCH;
        for (int i = 0; i <= INFO.length; i++) {
            NEW_YEAR[i] = d;
            if (i < INFO.length) {
                d = d.plusDays(yearDays(FIRST_YEAR + i));
            }
        }
    }

    private LunarCalendar() {}

    /** A lunar date; {@code leap} marks the intercalary month that repeats {@code month}. */
    public record LunarDate(int year, int month, boolean leap, int day) {}

    public static int leapMonth(int lunarYear) {
        return INFO[index(lunarYear)] & 0xf;
    }

    public static int monthDays(int lunarYear, int month, boolean leap) {
        int info = INFO[index(lunarYear)];
        if (leap) {
            if (leapMonth(lunarYear) != month) {
                throw new IllegalArgumentException("lunar year " + lunarYear + " has no leap month " + month);
            }
            return (info & 0x10000) != 0 ? 30 : 29;
        }
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("lunar month must be 1-12, was " + month);
        }
        return (info & (0x10000 >> month)) != 0 ? 30 : 29;
    }

    public static int yearDays(int lunarYear) {
        int days = 0;
        for (int m = 1; m <= 12; m++) {
            days += monthDays(lunarYear, m, false);
        }
        int leap = leapMonth(lunarYear);
        return leap == 0 ? days : days + monthDays(lunarYear, leap, true);
    }

    /** Gregorian date of lunar new year's day (Spring Festival) of the given lunar year. */
    public static LocalDate newYear(int lunarYear) {
        return NEW_YEAR[index(lunarYear)];
    }

    /** The Gregorian date of a lunar date. */
    public static LocalDate toGregorian(int lunarYear, int month, boolean leap, int day) {
        if (day < 1 || day > monthDays(lunarYear, month, leap)) {
            throw new IllegalArgumentException(
                    "lunar " + lunarYear + "-" + month + (leap ? " (leap)" : "") + " has no day " + day);
        }
        LocalDate d = newYear(lunarYear);
        int leapMonth = leapMonth(lunarYear);
        for (int m = 1; m < month; m++) {
            d = d.plusDays(monthDays(lunarYear, m, false));
            if (m == leapMonth) {
                d = d.plusDays(monthDays(lunarYear, m, true));
            }
        }
        if (leap) {
            d = d.plusDays(monthDays(lunarYear, month, false));
        }
        return d.plusDays(day - 1L);
    }

    /** The last day of the lunar year (New Year's Eve, 除夕): day 29 or 30 of the twelfth month. */
    public static LocalDate lastDay(int lunarYear) {
        return newYear(lunarYear + 1).minusDays(1);
    }

    public static LunarDate toLunar(LocalDate date) {
        if (date.isBefore(EPOCH) || !date.isBefore(NEW_YEAR[INFO.length])) {
            throw new IllegalArgumentException("date " + date + " is outside the lunar table (" + EPOCH + " to "
                    + NEW_YEAR[INFO.length].minusDays(1) + ")");
        }
        int i = 0;
        while (!NEW_YEAR[i + 1].isAfter(date)) {
            i++;
        }
        int year = FIRST_YEAR + i;
        long offset = date.toEpochDay() - NEW_YEAR[i].toEpochDay();
        int leapMonth = leapMonth(year);
        for (int m = 1; m <= 12; m++) {
            int days = monthDays(year, m, false);
            if (offset < days) {
                return new LunarDate(year, m, false, (int) offset + 1);
            }
            offset -= days;
            if (m == leapMonth) {
                int leapDays = monthDays(year, m, true);
                if (offset < leapDays) {
                    return new LunarDate(year, m, true, (int) offset + 1);
                }
                offset -= leapDays;
            }
        }
        throw new IllegalStateException("lunar table inconsistent for " + date);
    }

    private static int index(int lunarYear) {
        if (lunarYear < FIRST_YEAR || lunarYear > LAST_YEAR) {
            throw new IllegalArgumentException(
                    "lunar year must be " + FIRST_YEAR + "-" + LAST_YEAR + ", was " + lunarYear);
        }
        return lunarYear - FIRST_YEAR;
    }
}
