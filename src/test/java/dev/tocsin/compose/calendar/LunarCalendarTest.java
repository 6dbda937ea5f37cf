package dev.tocsin.compose.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LunarCalendarTest {

    // Official Spring Festival dates, including 2027 and 2030 that some libraries get wrong.
    @ParameterizedTest
    @CsvSource({
        "2024,2024-02-10",
        "2025,2025-01-29",
        "2026,2026-02-17",
        "2027,2027-02-06",
        "2028,2028-01-26",
        "2029,2029-02-13",
        "2030,2030-02-03",
        // historical and far dates, as published by the Hong Kong Observatory tables
        "1901,1901-02-19",
        "1949,1949-01-29",
        "2000,2000-02-05",
        "2050,2050-01-23",
        "2100,2100-02-09"
    })
    void springFestivalFallsOnThePublishedDate(int year, LocalDate expected) {
        assertThat(LunarCalendar.newYear(year)).isEqualTo(expected);
        assertThat(LunarCalendar.toLunar(expected)).isEqualTo(new LunarCalendar.LunarDate(year, 1, false, 1));
    }

    @ParameterizedTest
    @CsvSource({"2024,2024-02-24", "2025,2025-02-12", "2026,2026-03-03", "2027,2027-02-20", "2030,2030-02-17"})
    void lanternFestivalIsTheFifteenthOfTheFirstMonth(int year, LocalDate expected) {
        assertThat(LunarCalendar.toGregorian(year, 1, false, 15)).isEqualTo(expected);
    }

    @Test
    void newYearsEveIsDayTwentyNineOrThirtyOfTheLastMonth() {
        // 2025 Spring Festival eve (lunar 2024-12-29): the twelfth month had 29 days.
        LocalDate eve2025 = LunarCalendar.lastDay(2024);
        assertThat(eve2025).isEqualTo(LocalDate.of(2025, 1, 28));
        assertThat(LunarCalendar.toLunar(eve2025)).isEqualTo(new LunarCalendar.LunarDate(2024, 12, false, 29));
        // 2024 Spring Festival eve fell on lunar 2023-12-30.
        assertThat(LunarCalendar.toLunar(LunarCalendar.lastDay(2023)))
                .isEqualTo(new LunarCalendar.LunarDate(2023, 12, false, 30));
    }

    @Test
    void leapMonthsAreCountedOnce() {
        // 2023 had a leap second month; 2033 a leap eleventh month (the "2033 problem").
        assertThat(LunarCalendar.leapMonth(2023)).isEqualTo(2);
        assertThat(LunarCalendar.toLunar(LocalDate.of(2023, 3, 22)))
                .isEqualTo(new LunarCalendar.LunarDate(2023, 2, true, 1));
        assertThat(LunarCalendar.leapMonth(2033)).isEqualTo(11);
        assertThat(LunarCalendar.toLunar(LocalDate.of(2033, 12, 22)))
                .isEqualTo(new LunarCalendar.LunarDate(2033, 11, true, 1));
    }

    @Test
    void everyDayRoundTripsFrom1901To2100() {
        for (LocalDate d = LocalDate.of(1901, 1, 1); d.getYear() <= 2100; d = d.plusDays(1)) {
            LunarCalendar.LunarDate l = LunarCalendar.toLunar(d);
            assertThat(LunarCalendar.toGregorian(l.year(), l.month(), l.leap(), l.day()))
                    .isEqualTo(d);
        }
        for (int y = 1901; y <= 2100; y++) {
            assertThat(LunarCalendar.newYear(y)).isBetween(LocalDate.of(y, 1, 21), LocalDate.of(y, 2, 20));
        }
    }

    @Test
    void datesOutsideTheTableAreRefused() {
        assertThatThrownBy(() -> LunarCalendar.newYear(2101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunarCalendar.toGregorian(2024, 1, true, 1)).hasMessageContaining("no leap month");
    }
}
