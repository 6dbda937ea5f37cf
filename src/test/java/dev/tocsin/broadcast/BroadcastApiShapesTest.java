package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client of the broadcast API sends and reads back: texts residents get, comments, shapes. */
@QuarkusTest
class BroadcastApiShapesTest {

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    OccurrenceFirer firer;

    @Inject
    java.time.Clock clock;

    private String run;

    @BeforeEach
    void setUp() {
        staff.ensureUsers();
        run = AudienceFixtures.run();
    }

    private static String coldWave(String language, String area, String areaCode, String schedule) {
        return """
                {"templateId":"cold-wave","language":"%s","channels":["sms"],"priority":"routine","status":"actual",
                 "variables":{"area":"%s","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":%s}""".formatted(language, area, areaCode, schedule);
    }

    @Test
    void anEnglishOperatorsTypedAreaNameIsNotPutIntoTheChineseSms() {
        String village = audience.area("SH" + run, "新桥河镇" + run, AreaKind.VILLAGE, null);
        long id =
                BroadcastSteps.submitted(() -> as(OPERATOR), coldWave("en", "Xinqiao", village, "{\"kind\":\"NOW\"}"));
        JsonPath detail = as(APPROVER)
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, String> texts = new java.util.HashMap<>();
        List<Map<String, Object>> rows = detail.getList("smsTexts");
        rows.forEach(r -> texts.put((String) r.get("language"), (String) r.get("text")));
        assertThat(texts.get("en")).contains("Cold wave in Xinqiao");
        assertThat(texts.get("zh-CN")).doesNotContain("Xinqiao").contains("新桥河镇" + run + "有寒潮冻雨");
    }

    @Test
    void anApproversCommentIsKeptAndShownInTheTimeline() {
        String village = audience.area("SC" + run, "Comment village " + run, AreaKind.VILLAGE, null);
        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR),
                coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"ONCE\",\"at\":\"2037-02-05T10:00\"}"));
        as(APPROVER)
                .body(Map.of("comment", "x".repeat(1001)))
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("comment"));
        as(APPROVER)
                .body(Map.of("comment", "已与气象局核实"))
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("approved"))
                .body("timeline.detail", hasItem("approval: 已与气象局核实"));
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("timeline.findAll { it.action == 'broadcast.comment' }.actor", equalTo(List.of(APPROVER)));
    }

    @Test
    void aBarePostWithoutBodyOrContentTypeStillApproves() {
        String village = audience.area("SB" + run, "Bare village " + run, AreaKind.VILLAGE, null);
        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR),
                coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"ONCE\",\"at\":\"2037-02-05T10:00\"}"));
        io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic(APPROVER, BroadcastFixtures.PASSWORD)
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("approved"));
    }

    @Test
    void theDetailReturnsAudienceAndScheduleAsObjects() {
        String village = audience.area("SO" + run, "Object village " + run, AreaKind.VILLAGE, null);
        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR),
                coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"ONCE\",\"at\":\"2037-02-05T10:00\"}"));
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("audience.areaCodes", equalTo(List.of(village)))
                .body("schedule.kind", equalTo("ONCE"));
    }

    @Test
    void smsDeliveriesCanBeFilteredByBroadcastAndByTheOccurrenceIdTheReportGives() {
        String village = audience.area("SD" + run, "Delivery village " + run, AreaKind.VILLAGE, null);
        for (int i = 0; i < 3; i++) {
            audience.resident(AudienceFixtures.phone(), List.of(village), List.of(), "zh-CN", false);
        }
        long id =
                BroadcastSteps.submitted(() -> as(OPERATOR), coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"NOW\"}"));
        as(APPROVER).post("/api/broadcasts/" + id + "/approve").then().statusCode(200);
        firer.fireDue(clock.instant(), "test-shapes");
        long occurrence = as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("occurrences[0].occurrenceId");
        as(OPERATOR)
                .queryParam("broadcast", id)
                .get("/api/sms/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        as(OPERATOR)
                .queryParam("occurrence", occurrence)
                .get("/api/sms/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        as(OPERATOR)
                .queryParam("occurrence", "occ-" + occurrence)
                .get("/api/sms/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        as(OPERATOR)
                .queryParam("broadcast", id + 100_000)
                .get("/api/sms/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        as(OPERATOR)
                .queryParam("occurrence", "x")
                .get("/api/sms/deliveries")
                .then()
                .statusCode(400)
                .body("field", equalTo("occurrence"));
        // Coverage takes the same numeric id (no terminal here: 404 naming it, not a 400 for its shape).
        as(OPERATOR)
                .queryParam("occurrence", occurrence)
                .get("/api/terminals/coverage")
                .then()
                .statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("'" + occurrence + "'"));
    }

    @Test
    void deviceRequestsWithoutATokenAreChallengedWithBearer() {
        io.restassured.RestAssured.given()
                .get("/terminal/v1/queue")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }
}
