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

    @org.junit.jupiter.api.Test
    void aPostWhoseRotaCoversNoOneThatDayIsReachedWhole() {
        java.time.LocalDate thursday = java.time.LocalDate.of(2026, 12, 3);
        DutyPerson monday = person(1, DutyRole.DUTY_OFFICER, "mon");
        DutyPerson tuesday = person(1, DutyRole.DUTY_OFFICER, "tue");
        DutyPerson head = person(1, DutyRole.VILLAGE_HEAD, null);
        DutyPerson onThursday = person(2, DutyRole.DUTY_OFFICER, "thu");
        DutyPerson offThursday = person(2, DutyRole.DUTY_OFFICER, "fri");
        java.util.List<DutyPerson> all = java.util.List.of(monday, tuesday, head, onThursday, offThursday);

        // Village 1's officers are both off on Thursday: a gap, so both are reached, never neither.
        org.assertj.core.api.Assertions.assertThat(DutyCalls.onDuty(all, thursday))
                .containsExactly(monday, tuesday, head, onThursday);
        org.assertj.core.api.Assertions.assertThat(DutyCalls.uncovered(all, thursday))
                .containsExactly("1/duty_officer");
        // On Monday village 1's Monday officer is on; village 2 has a gap (thu and fri only).
        org.assertj.core.api.Assertions.assertThat(DutyCalls.onDuty(all, thursday.minusDays(3)))
                .containsExactly(monday, head, onThursday, offThursday);
    }

    private static DutyPerson person(long area, DutyRole role, String rota) {
        DutyPerson p = new DutyPerson();
        p.areaId = area;
        p.role = role;
        p.rota = rota == null ? null : DutyRota.parse(rota);
        return p;
    }
}
