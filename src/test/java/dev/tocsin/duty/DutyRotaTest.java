package dev.tocsin.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DutyRotaTest {

    @Test
    void weekdaysAndDatesAsSpreadsheetsWriteThemAreReadAndShownOneWay() {
        DutyRota rota = DutyRota.parse(" 周四、Mon，2026/12/5 2026-12-05; sunday ");
        assertThat(rota.text()).isEqualTo("mon,thu,sun,2026-12-05");
        assertThat(DutyRota.parse(rota.text())).isEqualTo(rota);
        assertThat(rota.covers(LocalDate.of(2026, 12, 5)))
                .as("a Saturday named by date")
                .isTrue();
        assertThat(rota.covers(LocalDate.of(2026, 12, 12)))
                .as("the next Saturday")
                .isFalse();
        assertThat(rota.covers(LocalDate.of(2026, 12, 7))).as("a Monday").isTrue();
        assertThat(rota.covers(LocalDate.of(2026, 12, 8))).as("a Tuesday").isFalse();
        assertThat(DutyRota.parse("星期天").covers(LocalDate.of(2026, 12, 6))).isTrue();
    }

    @Test
    void blankIsNoRotaAndEveryBadItemIsNamed() {
        assertThat(DutyRota.parse(null)).isNull();
        assertThat(DutyRota.parse("  ")).isNull();
        assertThat(DutyRota.parse("，、")).isNull();
        assertThatThrownBy(() -> DutyRota.parse("mon,someday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'someday'");
        assertThatThrownBy(() -> DutyRota.parse("2026-02-30"))
                .hasMessageContaining("'2026-02-30' is not a date in the calendar");
        assertThatThrownBy(() -> DutyRota.parse("1999-01-01")).hasMessageContaining("'1999-01-01'");
        StringBuilder many = new StringBuilder();
        LocalDate d = LocalDate.of(2027, 1, 1);
        for (int i = 0; i <= DutyRota.MAX_DATES; i++) {
            many.append(d.plusDays(i)).append(',');
        }
        assertThatThrownBy(() -> DutyRota.parse(many.toString())).hasMessageContaining("at most 80 dates");
    }
}
