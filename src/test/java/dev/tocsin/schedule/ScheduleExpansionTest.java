package dev.tocsin.schedule;

import static dev.tocsin.testing.Staff.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.testing.ProductionQuietHours;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ProductionQuietHours.class)
class ScheduleExpansionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Inject
    ScheduleExpander expander;

    private static ScheduleSpec recurring(String zone, List<LocalTime> times, LocalDate from, LocalDate to) {
        return new ScheduleSpec(ScheduleKind.RECURRING, zone, null, times, from, to, null, null, null, null);
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.problem().errors().get(0).field();
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void sevenAndSixPmForFiveDaysInShanghaiIsTenOccurrencesAtTheRightUtcTimes() {
        List<Instant> out = expander.expand(
                recurring(
                        "Asia/Shanghai",
                        List.of(LocalTime.of(18, 0), LocalTime.of(7, 0)),
                        LocalDate.of(2027, 1, 1),
                        LocalDate.of(2027, 1, 5)),
                NOW);
        assertThat(out).hasSize(10);
        assertThat(out.get(0)).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(out.get(1)).isEqualTo(Instant.parse("2027-01-01T10:00:00Z"));
        assertThat(out.get(9)).isEqualTo(Instant.parse("2027-01-05T10:00:00Z"));
    }

    @Test
    void dailySevenOClockInBerlinStaysSevenLocalAcrossTheSpringDstChange() {
        List<Instant> out = expander.expand(
                recurring(
                        "Europe/Berlin",
                        List.of(LocalTime.of(7, 0)),
                        LocalDate.of(2027, 3, 27),
                        LocalDate.of(2027, 3, 29)),
                NOW);
        assertThat(out)
                .containsExactly(
                        Instant.parse("2027-03-27T06:00:00Z"),
                        Instant.parse("2027-03-28T05:00:00Z"),
                        Instant.parse("2027-03-29T05:00:00Z"));
    }

    @Test
    void aQuartzCronBetweenTwoDatesExpandsInTheZone() {
        List<Instant> out = expander.expand(
                new ScheduleSpec(
                        ScheduleKind.CRON,
                        "Asia/Shanghai",
                        null,
                        null,
                        LocalDate.of(2027, 1, 4),
                        LocalDate.of(2027, 1, 10),
                        "0 30 8 ? * MON-FRI",
                        null,
                        null,
                        null),
                NOW);
        assertThat(out).hasSize(5).first().isEqualTo(Instant.parse("2027-01-04T00:30:00Z"));
    }

    @Test
    void dailySevenFromTenDaysBeforeSpringFestival2027ToLanternFestivalFollowsTheLunarCalendar() {
        List<Instant> out = expander.expand(
                new ScheduleSpec(
                        ScheduleKind.SEASONAL,
                        "Asia/Shanghai",
                        null,
                        List.of(LocalTime.of(7, 0)),
                        null,
                        null,
                        null,
                        "SPRING_FESTIVAL-10d",
                        "LANTERN_FESTIVAL",
                        2027),
                NOW);
        // Spring Festival 2027 is 6 Feb: 27 Jan .. 20 Feb is 25 days.
        assertThat(out).hasSize(25);
        assertThat(out.get(0)).isEqualTo(Instant.parse("2027-01-26T23:00:00Z"));
        assertThat(out.get(24)).isEqualTo(Instant.parse("2027-02-19T23:00:00Z"));
        assertThat(field(() -> expander.expand(
                        new ScheduleSpec(
                                ScheduleKind.SEASONAL,
                                null,
                                null,
                                List.of(LocalTime.of(7, 0)),
                                null,
                                null,
                                null,
                                "CHRISTMAS",
                                "LANTERN_FESTIVAL",
                                2027),
                        NOW)))
                .isEqualTo("schedule.seasonFrom");
    }

    @Test
    void aSeasonThatCrossesNewYearEndsInTheNextYear() {
        // Heating season 2027: 15 Nov 2027 .. 15 Mar 2028 (2028 is a leap year), every morning.
        List<Instant> heating = expander.expand(
                new ScheduleSpec(
                        ScheduleKind.SEASONAL,
                        "Asia/Shanghai",
                        null,
                        List.of(LocalTime.of(7, 0)),
                        null,
                        null,
                        null,
                        "HEATING_SEASON_START",
                        "HEATING_SEASON_END",
                        2027),
                NOW);
        assertThat(heating).hasSize(122);
        assertThat(heating.get(0)).isEqualTo(Instant.parse("2027-11-14T23:00:00Z"));
        assertThat(heating.get(121)).isEqualTo(Instant.parse("2028-03-14T23:00:00Z"));
        // Winter solstice 2027 (22 Dec) to Spring Festival 2028 (26 Jan): 36 days.
        List<Instant> solstice = expander.expand(
                new ScheduleSpec(
                        ScheduleKind.SEASONAL,
                        "Asia/Shanghai",
                        null,
                        List.of(LocalTime.of(7, 0)),
                        null,
                        null,
                        null,
                        "WINTER_SOLSTICE",
                        "SPRING_FESTIVAL",
                        2027),
                NOW);
        assertThat(solstice).hasSize(36);
        assertThat(solstice.get(0)).isEqualTo(Instant.parse("2027-12-21T23:00:00Z"));
        assertThat(solstice.get(35)).isEqualTo(Instant.parse("2028-01-25T23:00:00Z"));
        // The calendar ends with 2100: a season of 2100 cannot end in 2101.
        assertThat(field(() -> expander.expand(
                        new ScheduleSpec(
                                ScheduleKind.SEASONAL,
                                null,
                                null,
                                List.of(LocalTime.of(7, 0)),
                                null,
                                null,
                                null,
                                "HEATING_SEASON_START",
                                "HEATING_SEASON_END",
                                2100),
                        NOW)))
                .isEqualTo("schedule.seasonTo");
    }

    @Test
    void invalidSpecsAreRefusedNamingTheField() {
        assertThat(field(() -> expander.expand(
                        new ScheduleSpec(
                                ScheduleKind.ONCE,
                                null,
                                LocalDateTime.of(2020, 1, 1, 7, 0),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        NOW)))
                .isEqualTo("schedule.at");
        assertThat(field(() -> expander.expand(
                        recurring(null, List.of(LocalTime.NOON), LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 1)),
                        NOW)))
                .isEqualTo("schedule.to");
        assertThat(field(() -> expander.expand(
                        new ScheduleSpec(
                                ScheduleKind.CRON,
                                null,
                                null,
                                null,
                                LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 1, 2),
                                "every morning",
                                null,
                                null,
                                null),
                        NOW)))
                .isEqualTo("schedule.cron");
        assertThat(field(() -> expander.expand(
                        recurring(
                                "Mars/Olympus",
                                List.of(LocalTime.NOON),
                                LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 1, 2)),
                        NOW)))
                .isEqualTo("schedule.zone");
        assertThat(field(() -> expander.expand(
                        recurring(
                                null,
                                List.of(LocalTime.of(7, 0), LocalTime.NOON),
                                LocalDate.of(2027, 1, 1),
                                LocalDate.of(2027, 12, 31)),
                        NOW)))
                .isEqualTo("schedule");
        assertThatThrownBy(() -> expander.expand(null, NOW)).isInstanceOf(ProblemException.class);
    }

    private static ScheduleSpec campaign(String id, Integer year, List<LocalTime> times) {
        return new ScheduleSpec(
                ScheduleKind.CAMPAIGN, "Asia/Shanghai", null, times, null, null, null, null, null, year, id);
    }

    @Test
    void aCampaignOfTheCalendarIsASchedule() {
        // qingming-fire is QINGMING-5d to QINGMING; Qingming 2027 falls on 5 April: 31 March to 5 April.
        List<Instant> qingming = expander.expand(campaign("qingming-fire", 2027, List.of(LocalTime.of(8, 0))), NOW);
        assertThat(qingming).hasSize(6);
        assertThat(qingming.get(0)).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
        assertThat(qingming.get(5)).isEqualTo(Instant.parse("2027-04-05T00:00:00Z"));
        // The heating campaign keeps its own spacing (weekly) and crosses New Year: 15 Nov 2027 to 15 Mar 2028.
        List<Instant> heating =
                expander.expand(campaign("heating-carbon-monoxide", 2027, List.of(LocalTime.of(19, 0))), NOW);
        assertThat(heating.get(0)).isEqualTo(Instant.parse("2027-11-15T11:00:00Z"));
        assertThat(heating.get(1)).isEqualTo(Instant.parse("2027-11-22T11:00:00Z"));
        assertThat(heating).hasSize(18);
        assertThat(heating.get(17)).isBefore(Instant.parse("2028-03-16T00:00:00Z"));

        assertThat(field(() -> expander.expand(campaign("no-such", 2027, List.of(LocalTime.NOON)), NOW)))
                .isEqualTo("schedule.campaign");
        assertThat(field(() -> expander.expand(campaign(null, 2027, List.of(LocalTime.NOON)), NOW)))
                .isEqualTo("schedule.campaign");
        assertThat(field(() -> expander.expand(campaign("qingming-fire", null, List.of(LocalTime.NOON)), NOW)))
                .isEqualTo("schedule.year");
        assertThat(field(() -> expander.expand(campaign("qingming-fire", 2027, List.of()), NOW)))
                .isEqualTo("schedule.times");
    }

    @Test
    void previewShiftsRoutineLoudspeakerOutOfQuietHoursButNotUrgentAndNeverForExercises() {
        String spec = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"2030-01-10T23:00:00\"}";
        adminJson()
                .body("{\"schedule\":%s,\"channels\":[\"loudspeaker\"],\"priority\":\"routine\"}".formatted(spec))
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].dueAt", equalTo("2030-01-10T22:30:00Z"))
                .body("[0].shiftedFrom", equalTo("2030-01-10T15:00:00Z"))
                .body("[0].skipped", equalTo(false));
        adminJson()
                .body("{\"schedule\":%s,\"channels\":[\"loudspeaker\"],\"priority\":\"urgent\"}".formatted(spec))
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].dueAt", equalTo("2030-01-10T15:00:00Z"))
                .body("[0].shiftedFrom", nullValue());
        adminJson()
                .body("{\"schedule\":%s,\"channels\":[\"loudspeaker\"],\"priority\":\"urgent\",\"status\":\"exercise\"}"
                        .formatted(spec))
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].dueAt", equalTo("2030-01-10T22:30:00Z"));
        adminJson()
                .body("{\"schedule\":%s,\"channels\":[\"sms\"],\"quietHours\":\"skip\"}".formatted(spec))
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].skipped", equalTo(true));
        // 07:00 is outside loudspeaker quiet hours (ends 06:30) but inside SMS ones (end 07:30):
        // the loudspeaker plays at 07:00, only the SMS waits.
        String morning = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"2030-01-10T07:00:00\"}";
        adminJson()
                .body("{\"schedule\":%s,\"channels\":[\"sms\",\"loudspeaker\"]}".formatted(morning))
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].channel", equalTo("loudspeaker"))
                .body("[0].dueAt", equalTo("2030-01-09T23:00:00Z"))
                .body("[0].shiftedFrom", nullValue())
                .body("[1].channel", equalTo("sms"))
                .body("[1].dueAt", equalTo("2030-01-09T23:30:00Z"));
        adminJson()
                .body(
                        "{\"schedule\":{\"kind\":\"RECURRING\",\"times\":[\"07:00\"],\"from\":\"2030-01-05\",\"to\":\"2030-01-01\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("schedule.to"));
    }

    @Test
    void anOccurrenceBeyondTheDatabasesTimestampRangeIsRefusedNamingTheField() {
        // MariaDB's TIMESTAMP ends in January 2038: such a broadcast used to fail at approval with a 500.
        adminJson()
                .body("{\"schedule\":{\"kind\":\"ONCE\",\"at\":\"2099-02-05T10:00\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("schedule.at"));
        adminJson()
                .body("{\"schedule\":{\"kind\":\"ONCE\",\"at\":\"2037-02-05T10:00\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(200);
    }

    @Test
    void aOneOffTimeWithAnOffsetNamesThatInstant() {
        // Clients that format instants send the offset; it used to be a 400 ("cannot read as LocalDateTime").
        adminJson()
                .body("{\"schedule\":{\"kind\":\"ONCE\",\"at\":\"2030-02-05T10:00+08:00\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].dueAt", equalTo("2030-02-05T02:00:00Z"));
        // With a zone, the instant is kept and read as that zone's local time.
        adminJson()
                .body(
                        "{\"schedule\":{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"2030-02-05T02:00Z\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("[0].dueAt", equalTo("2030-02-05T02:00:00Z"));
        adminJson()
                .body("{\"schedule\":{\"kind\":\"ONCE\",\"at\":\"5 Feb 2030 10:00\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("schedule.at"));
        adminJson()
                .body(
                        "{\"schedule\":{\"kind\":\"ONCE\",\"zone\":\"Mars/Olympus\",\"at\":\"2030-02-05T10:00+08:00\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("schedule.zone"));
    }

    @Test
    void anInvalidCronNamesTheCronField() {
        adminJson()
                .body(
                        "{\"schedule\":{\"kind\":\"CRON\",\"cron\":\"0 0 25 * * ?\",\"from\":\"2030-01-01\",\"to\":\"2030-01-05\"},\"channels\":[\"sms\"]}")
                .post("/api/schedules/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("schedule.cron"));
    }

    @Inject
    QuietHours quietHours;

    @Inject
    dev.tocsin.sms.SmsGateway gateway;

    @Inject
    dev.tocsin.platform.AdjustableClock adjustable;

    @Inject
    java.time.Clock clock;

    @Test
    void theSmsWindowAcrossMidnightHoldsRoutineSmsUntilMorning() {
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        dev.tocsin.alert.Channel sms = dev.tocsin.alert.Channel.SMS;
        assertThat(quietHours.blockedUntil(sms, Instant.parse("2026-12-01T14:30:00Z"), zone)) // 22:30 local
                .contains(Instant.parse("2026-12-01T23:30:00Z"));
        assertThat(quietHours.blockedUntil(sms, Instant.parse("2026-12-01T22:00:00Z"), zone)) // 06:00 local
                .contains(Instant.parse("2026-12-01T23:30:00Z"));
        assertThat(quietHours.blockedUntil(sms, Instant.parse("2026-12-01T04:00:00Z"), zone))
                .isEmpty(); // noon
    }

    @Test
    void theOutboxSendsRoutineSmsOnlyOutsideTheSameWindowAndUrgentAlways() {
        // The one SMS quiet-hours policy (tocsin.schedule.sms-quiet) also decides at the moment of sending.
        ZonedDateTime local = clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai"));
        ZonedDateTime lateEvening = local.withHour(22).withMinute(30);
        if (lateEvening.isBefore(local)) {
            lateEvening = lateEvening.plusDays(1);
        }
        adjustable.advance(java.time.Duration.between(local, lateEvening));
        try {
            var routine = gateway.send(new dev.tocsin.sms.SmsGateway.OutboundSms(
                    "+8613500000001", "routine at night", dev.tocsin.alert.Urgency.ROUTINE, null));
            assertThat(routine).isInstanceOf(dev.tocsin.sms.SmsGateway.Refused.class);
            var refused = (dev.tocsin.sms.SmsGateway.Refused) routine;
            assertThat(refused.kind()).isEqualTo(dev.tocsin.sms.SmsGateway.FailureKind.QUIET_HOURS);
            assertThat(refused.notBefore())
                    .isEqualTo(lateEvening
                            .plusDays(1)
                            .withHour(7)
                            .withMinute(30)
                            .withSecond(0)
                            .withNano(0)
                            .toInstant());
            assertThat(gateway.send(new dev.tocsin.sms.SmsGateway.OutboundSms(
                            "+8613500000001", "urgent at night", dev.tocsin.alert.Urgency.URGENT, null)))
                    .isInstanceOf(dev.tocsin.sms.SmsGateway.Accepted.class);
        } finally {
            adjustable.reset();
        }
    }
}
