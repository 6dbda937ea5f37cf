package dev.tocsin.compose.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeasonalCalendarTest {

    private final SeasonalCalendar.CampaignRule fireworks = new SeasonalCalendar.CampaignRule(
            "fireworks", "", AnchorOffset.parse("SPRING_FESTIVAL-10d"), AnchorOffset.parse("LANTERN_FESTIVAL"), 1);
    private final SeasonalCalendar.CampaignRule heating = new SeasonalCalendar.CampaignRule(
            "heating", "", AnchorOffset.parse("HEATING_SEASON_START"), AnchorOffset.parse("HEATING_SEASON_END"), 7);
    private final SeasonalCalendar calendar =
            new SeasonalCalendar(MonthDay.of(11, 15), MonthDay.of(3, 15), List.of(fireworks, heating));

    @Test
    void fireworksCampaignRunsDailyFromTenDaysBeforeSpringFestivalToLanternFestival() {
        List<LocalDate> days = calendar.expand(fireworks, 2027);
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2027, 1, 27));
        assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.of(2027, 2, 20));
        assertThat(days).hasSize(25).contains(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6));
    }

    @Test
    void winterCampaignCrossesIntoTheNextYearWeekly() {
        List<LocalDate> days = calendar.expand(heating, 2025);
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2025, 11, 15));
        assertThat(days.get(1)).isEqualTo(LocalDate.of(2025, 11, 22));
        assertThat(days.get(days.size() - 1)).isBetween(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 15));
    }

    @Test
    void eventsOfAYearListTheFestivalsAndTermsInDateOrder() {
        List<SeasonalCalendar.CalendarEvent> events =
                calendar.events(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(events)
                .extracting(SeasonalCalendar.CalendarEvent::anchor)
                .containsExactly(
                        Anchor.SPRING_FESTIVAL_EVE,
                        Anchor.SPRING_FESTIVAL,
                        Anchor.LANTERN_FESTIVAL,
                        Anchor.HEATING_SEASON_END,
                        Anchor.QINGMING,
                        Anchor.DRAGON_BOAT_FESTIVAL,
                        Anchor.MID_AUTUMN_FESTIVAL,
                        Anchor.HEATING_SEASON_START,
                        Anchor.WINTER_SOLSTICE);
        assertThat(events.get(0).date()).isEqualTo(LocalDate.of(2026, 2, 16));
        assertThat(events.get(4).date()).isEqualTo(LocalDate.of(2026, 4, 5));
    }

    @Test
    void heatingSeasonWindowsOverlappingARangeSpanTheYearEnd() {
        assertThat(calendar.heatingSeasons(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .containsExactly(
                        new SeasonalCalendar.Window(LocalDate.of(2025, 11, 15), LocalDate.of(2026, 3, 15)),
                        new SeasonalCalendar.Window(LocalDate.of(2026, 11, 15), LocalDate.of(2027, 3, 15)));
    }

    @Test
    void anchorOffsetsParseAndRejectUnknownAnchors() {
        assertThat(AnchorOffset.parse("QINGMING+1d")).isEqualTo(new AnchorOffset(Anchor.QINGMING, 1));
        assertThat(AnchorOffset.parse("SPRING_FESTIVAL-10d").toString()).isEqualTo("SPRING_FESTIVAL-10d");
        assertThatThrownBy(() -> AnchorOffset.parse("EASTER")).hasMessageContaining("unknown anchor 'EASTER'");
        assertThatThrownBy(() -> AnchorOffset.parse("QINGMING+x")).hasMessageContaining("is not ANCHOR");
    }
}
