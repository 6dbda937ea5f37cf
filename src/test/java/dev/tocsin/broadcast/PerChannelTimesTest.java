package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.coldWave;
import static dev.tocsin.broadcast.LifecycleScenario.occurrences;
import static dev.tocsin.broadcast.LifecycleScenario.playStates;
import static dev.tocsin.broadcast.LifecycleScenario.smsStates;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.tocsin.alert.Channel;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.testing.ProductionQuietHours;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each channel keeps its own times: a loudspeaker notice twice a day over a cold spell with one
 * SMS on the first morning is one broadcast, and SMS quiet hours (21:00-07:30, the shipped ones)
 * never move a loudspeaker play.
 */
@QuarkusTest
@TestProfile(ProductionQuietHours.class)
class PerChannelTimesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    LifecycleScenario scenario;

    @Inject
    OccurrenceFirer firer;

    private static LocalDate tomorrow() {
        return LocalDate.now(SHANGHAI).plusDays(1);
    }

    private static java.time.Instant at(LocalDate day, String time) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(SHANGHAI).toInstant();
    }

    /** The cold-wave request with {@code channelSchedules} added. */
    private static String withChannelSchedules(String body, String channelSchedules) {
        return body.substring(0, body.lastIndexOf('}')) + ",\"channelSchedules\":" + channelSchedules + "}";
    }

    private static String daily(LocalDate from, LocalDate to, String... times) {
        return "{\"kind\":\"RECURRING\",\"zone\":\"Asia/Shanghai\",\"times\":%s,\"from\":\"%s\",\"to\":\"%s\"}"
                .formatted(LifecycleScenario.quoted(List.of(times)), from, to);
    }

    @Test
    void loudspeakerTwiceDailyAndOneSmsAreOneBroadcastAndEachOccurrenceFiresOnlyItsChannel() {
        LifecycleScenario.District d = scenario.villages(2, 2, "zh-CN");
        LocalDate first = tomorrow();
        String sms = "{\"sms\":{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT10:00\"}}".formatted(first);
        String body = withChannelSchedules(
                coldWave(
                        d.areas(),
                        List.of("sms", "loudspeaker"),
                        daily(first, first.plusDays(2), "07:00", "18:00"),
                        "zh-CN"),
                sms);
        long id = submitted(body);
        JsonPath detail = as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("channelSchedules.sms.kind", equalTo("ONCE"))
                .extract()
                .jsonPath();
        assertThat(detail.getString("schedule.kind")).isEqualTo("RECURRING");
        approve(id);

        List<Occurrence> occ = occurrences(id);
        assertThat(occ).hasSize(7);
        List<Occurrence> speaker =
                occ.stream().filter(o -> o.channel == Channel.LOUDSPEAKER).toList();
        List<Occurrence> text =
                occ.stream().filter(o -> o.channel == Channel.SMS).toList();
        assertThat(speaker)
                .extracting(o -> o.dueAt)
                .containsExactly(
                        at(first, "07:00"),
                        at(first, "18:00"),
                        at(first.plusDays(1), "07:00"),
                        at(first.plusDays(1), "18:00"),
                        at(first.plusDays(2), "07:00"),
                        at(first.plusDays(2), "18:00"));
        assertThat(speaker).extracting(o -> o.shiftedFrom).containsOnlyNulls();
        assertThat(text).extracting(o -> o.dueAt).containsExactly(at(first, "10:00"));
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("occurrences", hasSize(7))
                .body("occurrences[0].channel", equalTo("loudspeaker"))
                .body("occurrences[1].channel", equalTo("sms"));

        // The 07:00 occurrence schedules plays on both terminals and sends no SMS; the 10:00 one the reverse.
        Occurrence morning = speaker.get(0);
        firer.fireDue(morning.dueAt, "per-channel-test");
        assertThat(playStates(morning.ref()).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
        assertThat(smsStates(morning.ref())).isEmpty();
        Occurrence smsOnce = text.get(0);
        firer.fireDue(smsOnce.dueAt, "per-channel-test");
        assertThat(smsStates(smsOnce.ref()).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(4);
        assertThat(playStates(smsOnce.ref())).isEmpty();
    }

    @Test
    void oneScheduleAtSevenPlaysTheLoudspeakerAtSevenAndWaitsOnlyTheSmsToHalfPastSeven() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        LocalDate day = tomorrow();
        long id = submitted(coldWave(d.areas(), List.of("sms", "loudspeaker"), daily(day, day, "07:00"), "zh-CN"));
        approve(id);
        List<Occurrence> occ = occurrences(id);
        assertThat(occ).hasSize(2);
        assertThat(occ.get(0).channel).isEqualTo(Channel.LOUDSPEAKER);
        assertThat(occ.get(0).dueAt).isEqualTo(at(day, "07:00"));
        assertThat(occ.get(0).shiftedFrom).isNull();
        assertThat(occ.get(1).channel).isEqualTo(Channel.SMS);
        assertThat(occ.get(1).dueAt).isEqualTo(at(day, "07:30"));
        assertThat(occ.get(1).shiftedFrom).isEqualTo(at(day, "07:00"));
        assertThat(occ.get(1).shiftReason).startsWith("sms quiet hours");

        // At 10:00 no window applies: one occurrence for both channels, as before.
        long both = submitted(coldWave(d.areas(), List.of("sms", "loudspeaker"), daily(day, day, "10:00"), "zh-CN"));
        approve(both);
        assertThat(occurrences(both))
                .singleElement()
                .satisfies(o -> assertThat(o.channel).isNull());
    }

    @Test
    void previewShowsEachChannelsTimes() {
        LocalDate day = tomorrow();
        String body = "{\"schedule\":%s,\"channels\":[\"sms\",\"loudspeaker\"],\"channelSchedules\":%s}"
                .formatted(
                        daily(day, day, "06:50"),
                        "{\"sms\":{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT12:00\"}}".formatted(day));
        as(OPERATOR)
                .body(body)
                .post("/api/schedules/preview")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("[0].channel", equalTo("loudspeaker"))
                .body("[0].dueAt", equalTo(at(day, "06:50").toString()))
                .body("[0].shiftedFrom", nullValue())
                .body("[1].channel", equalTo("sms"))
                .body("[1].dueAt", equalTo(at(day, "12:00").toString()));
    }

    @Test
    void channelSchedulesThatCannotBeUsedAreRefusedNamingTheField() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        LocalDate day = tomorrow();
        String base = coldWave(d.areas(), List.of("sms", "loudspeaker"), daily(day, day, "10:00"), "zh-CN");
        String smsOnly = coldWave(d.areas(), List.of("sms"), daily(day, day, "10:00"), "zh-CN");
        String once = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT12:00\"}".formatted(day);
        refused(withChannelSchedules(base, "{\"fax\":" + once + "}"), "channelSchedules.fax");
        refused(withChannelSchedules(smsOnly, "{\"loudspeaker\":" + once + "}"), "channelSchedules.loudspeaker");
        refused(withChannelSchedules(base, "{\"sms\":" + once + ",\"loudspeaker\":" + once + "}"), "channelSchedules");
        refused(withChannelSchedules(base, "{\"sms\":{\"kind\":\"ONCE\"}}"), "channelSchedules.sms.at");
        refused(
                withChannelSchedules(base, "{\"sms\":{\"kind\":\"ONCE\",\"at\":\"2020-01-01T10:00\"}}"),
                "channelSchedules.sms.at");
        refused(withChannelSchedules(base, "{\"sms\":{}}"), "channelSchedules.sms.kind");
    }

    private static void refused(String body, String field) {
        as(OPERATOR)
                .body(body)
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }
}
