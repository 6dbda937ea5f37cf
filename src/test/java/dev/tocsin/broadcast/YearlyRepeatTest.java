package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.occurrences;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.compose.calendar.SeasonalCalendar;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seasonal notice comes back every year without being written again: its dates come from the
 * schedule ("@schedule"), and when this year's broadcast ends next year's, one year on, waits for
 * approval saying next year's dates.
 */
@QuarkusTest
class YearlyRepeatTest {

    @Inject
    LifecycleScenario scenario;

    @Inject
    YearlyRepeats repeats;

    @Inject
    SeasonalCalendar calendar;

    private static String qingming(List<String> areas, int year, String period, boolean repeat) {
        return """
                {"templateId":"qingming-hill-fire","language":"zh-CN","channels":["sms"],
                 "variables":{"area":"双山","period":%s},
                 "audience":{"areaCodes":%s},
                 "schedule":{"kind":"CAMPAIGN","zone":"Asia/Shanghai","campaign":"qingming-fire","year":%d,"times":["10:00"]}
                 %s}""".formatted(period, LifecycleScenario.quoted(areas), year, repeat ? ",\"repeatYearly\":true" : "");
    }

    private static String chinese(LocalDate d) {
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private String span(int year) {
        List<LocalDate> days = calendar.expand("qingming-fire", year).dates();
        return chinese(days.get(0)) + "至" + chinese(days.get(days.size() - 1));
    }

    private static void end(long id) {
        // Firing and delivery are tested elsewhere; here this year's broadcast has simply run its course.
        QuarkusTransaction.requiringNew().run(() -> {
            Broadcast b = Broadcast.findById(id);
            b.status = BroadcastStatus.COMPLETED;
        });
    }

    private static JsonPath detail(long id) {
        return as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void nextYearsBroadcastSaysNextYearsDatesAndIsMadeOnce() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        long id = submitted(qingming(d.areas(), 2027, "\"@schedule\"", true));
        approve(id);
        JsonPath first = detail(id);
        assertThat(first.getString("smsText")).contains("】" + span(2027) + "清明祭扫期间");
        assertThat(first.getBoolean("repeatYearly")).isTrue();
        assertThat(occurrences(id)).hasSize(6);

        assertThat(repeats.repeatEnded()).noneMatch(b -> b.repeatedFrom == id); // still running: nothing yet
        end(id);
        List<Broadcast> made = repeats.repeatEnded();
        assertThat(made).filteredOn(b -> b.repeatedFrom == id).hasSize(1);
        long next = made.stream().filter(b -> b.repeatedFrom == id).findFirst().orElseThrow().id;
        assertThat(repeats.repeatEnded()).noneMatch(b -> b.repeatedFrom == id); // a second round makes none

        JsonPath copy = detail(next);
        assertThat(copy.getString("broadcast.status")).isEqualTo("pending_approval");
        assertThat(copy.getInt("schedule.year")).isEqualTo(2028);
        assertThat(copy.getString("schedule.campaign")).isEqualTo("qingming-fire");
        assertThat(copy.getLong("repeatedFrom")).isEqualTo(id);
        assertThat(copy.getBoolean("repeatYearly")).isTrue();
        assertThat(detail(id).getLong("nextYear")).isEqualTo(next);
        assertThat(detail(id).getList("timeline.action")).contains("broadcast.repeat");

        // The author of last year's broadcast cannot approve next year's; another approver can.
        approve(next);
        JsonPath approved = detail(next);
        assertThat(approved.getString("smsText")).contains("】" + span(2028) + "清明祭扫期间");
        assertThat(span(2028)).isNotEqualTo(span(2027));
        assertThat(occurrences(next)).hasSize(6);
    }

    @Test
    void aRepeatThatCannotBeMadeIsShownAndStopsTheSeries() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        // 2037's campaign can be stored; 2038's falls after the database's timestamp range.
        long id = submitted(qingming(d.areas(), 2037, "\"@schedule\"", true));
        approve(id);
        end(id);
        assertThat(repeats.repeatEnded()).noneMatch(b -> b.repeatedFrom == id);
        JsonPath after = detail(id);
        assertThat(after.getString("repeatProblem")).contains("2038-01-19");
        assertThat(after.getString("nextYear")).isNull();
        assertThat(after.getList("timeline.action")).contains("broadcast.repeat-failed");
        assertThat(repeats.repeatEnded()).noneMatch(b -> b.repeatedFrom == id);
    }

    @Test
    void datesTakenFromTheScheduleWithoutRepeating() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        LocalDate day = LocalDate.of(2027, 3, 30);
        String body = """
                {"templateId":"qingming-hill-fire","language":"zh-CN","channels":["sms"],
                 "variables":{"area":"双山","period":"@schedule"},
                 "audience":{"areaCodes":%s},
                 "schedule":{"kind":"RECURRING","zone":"Asia/Shanghai","times":["09:00"],"from":"%s","to":"%s"}}""".formatted(LifecycleScenario.quoted(d.areas()), day, day.plusDays(6));
        long id = submitted(body);
        approve(id);
        assertThat(detail(id).getString("smsText")).contains("】3月30日至4月5日清明祭扫期间");

        // A festival's date: back to work on the eighth day of the first lunar month (Spring Festival 2027: 6 Feb).
        String resumption = """
                {"templateId":"work-resumption","language":"zh-CN","channels":["sms"],
                 "variables":{"area":"双山工业园","startDate":"@SPRING_FESTIVAL+7d"},
                 "audience":{"areaCodes":%s},"repeatYearly":true,
                 "schedule":{"kind":"SEASONAL","zone":"Asia/Shanghai","seasonFrom":"SPRING_FESTIVAL+4d",
                  "seasonTo":"SPRING_FESTIVAL+6d","year":2027,"times":["09:00"]}}""".formatted(LifecycleScenario.quoted(d.areas()));
        long back = submitted(resumption);
        approve(back);
        assertThat(detail(back).getString("smsText")).contains("2月13日起复工复产");
    }

    @Test
    void repeatsAndReferencesThatCannotWorkAreRefusedNamingTheField() {
        LifecycleScenario.District d = scenario.villages(1, 1, "zh-CN");
        String once = qingming(d.areas(), 2027, "\"@schedule\"", false)
                .replace(
                        "{\"kind\":\"CAMPAIGN\",\"zone\":\"Asia/Shanghai\",\"campaign\":\"qingming-fire\",\"year\":2027,\"times\":[\"10:00\"]}",
                        "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"2027-04-01T10:00\"}");
        refused(
                once.substring(0, once.lastIndexOf('}')) + ",\"repeatYearly\":true}",
                "repeatYearly",
                "seasonal or campaign");
        refused(
                qingming(d.areas(), 2027, "{\"from\":\"2027-03-31\",\"to\":\"2027-04-05\"}", true),
                "variables.period",
                "fixed date");
        refused(qingming(d.areas(), 2027, "\"@holiday\"", false), "variables.period", "@schedule");
        refused(qingming(d.areas(), 2027, "\"@SPRING_FESTIVAL\"", false), "variables.period", "not a date range");
        // A reference outside a broadcast (the template preview) says where it works.
        as(OPERATOR)
                .body("""
                        {"templateId":"qingming-hill-fire","language":"zh-CN",
                         "variables":{"area":"双山","period":"@schedule"}}""")
                .post("/api/compose/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("variables.period"))
                .body("detail", containsString("broadcast's schedule"));
    }

    private static void refused(String body, String field, String words) {
        as(OPERATOR)
                .body(body)
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", containsString(words))
                .body("status", equalTo(400));
    }
}
