package dev.tocsin.compose.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SolarTermsTest {

    @ParameterizedTest
    @CsvSource({
        "2024,2024-04-04",
        "2025,2025-04-04",
        "2026,2026-04-05",
        "2027,2027-04-05",
        "2028,2028-04-04",
        "2029,2029-04-04",
        "2030,2030-04-05"
    })
    void qingmingFallsOnThePublishedDate(int year, LocalDate expected) {
        assertThat(SolarTerms.date(year, SolarTerm.QINGMING)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2024,2024-12-21", "2025,2025-12-21", "2026,2026-12-22", "2027,2027-12-22"})
    void winterSolsticeFallsOnThePublishedDate(int year, LocalDate expected) {
        assertThat(SolarTerms.date(year, SolarTerm.WINTER_SOLSTICE)).isEqualTo(expected);
    }

    @Test
    void equinoxAndSolsticeMomentsMatchPublishedTimesWithinTwoMinutes() {
        // Published (USNO) instants: March equinox 2024-03-20 03:06 UTC, December solstice
        // 2024-12-21 09:20 UTC, June solstice 2025-06-21 02:42 UTC.
        assertThat(Duration.between(
                                Instant.parse("2024-03-20T03:06:00Z"),
                                SolarTerms.moment(2024, SolarTerm.SPRING_EQUINOX))
                        .abs())
                .isLessThan(Duration.ofMinutes(2));
        assertThat(Duration.between(
                                Instant.parse("2024-12-21T09:20:00Z"),
                                SolarTerms.moment(2024, SolarTerm.WINTER_SOLSTICE))
                        .abs())
                .isLessThan(Duration.ofMinutes(2));
        assertThat(Duration.between(
                                Instant.parse("2025-06-21T02:42:00Z"),
                                SolarTerms.moment(2025, SolarTerm.SUMMER_SOLSTICE))
                        .abs())
                .isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void termsOfAYearComeInOrderAboutFifteenDaysApart() {
        for (int y : new int[] {1901, 1950, 2000, 2050, 2100}) {
            LocalDate previous = null;
            for (SolarTerm t : SolarTerm.values()) {
                LocalDate d = SolarTerms.date(y, t);
                assertThat(d.getYear()).isEqualTo(y);
                if (previous != null) {
                    assertThat(d.toEpochDay() - previous.toEpochDay()).isBetween(13L, 17L);
                }
                previous = d;
            }
        }
    }
}
