package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
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
                 "audience":{"areaCodes":["%s"]},"schedule":%s}"""
                .formatted(language, area, areaCode, schedule);
    }

    private static long submitted(String body) {
        long id = as(OPERATOR).body(body).post("/api/broadcasts").then().statusCode(201)
                .extract().jsonPath().getLong("broadcast.id");
        as(OPERATOR).post("/api/broadcasts/" + id + "/submit").then().statusCode(200);
        return id;
    }

    @Test
    void anEnglishOperatorsTypedAreaNameIsNotPutIntoTheChineseSms() {
        String village = audience.area("SH" + run, "新桥河镇" + run, AreaKind.VILLAGE, null);
        long id = submitted(coldWave("en", "Xinqiao", village, "{\"kind\":\"NOW\"}"));
        JsonPath detail = as(APPROVER).post("/api/broadcasts/" + id + "/approve").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> texts = new java.util.HashMap<>();
        List<Map<String, Object>> rows = detail.getList("smsTexts");
        rows.forEach(r -> texts.put((String) r.get("language"), (String) r.get("text")));
        assertThat(texts.get("en")).contains("Cold wave in Xinqiao");
        assertThat(texts.get("zh-CN")).doesNotContain("Xinqiao").contains("新桥河镇" + run + "有寒潮冻雨");
    }

    @Test
    void anApproversCommentIsKeptAndShownInTheTimeline() {
        String village = audience.area("SC" + run, "Comment village " + run, AreaKind.VILLAGE, null);
        long id = submitted(coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"ONCE\",\"at\":\"2099-02-05T10:00\"}"));
        as(APPROVER).body(Map.of("comment", "x".repeat(1001))).post("/api/broadcasts/" + id + "/approve").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("comment"));
        as(APPROVER).body(Map.of("comment", "已与气象局核实")).post("/api/broadcasts/" + id + "/approve").then()
                .statusCode(200).body("broadcast.status", equalTo("approved"))
                .body("timeline.detail", hasItem("approval: 已与气象局核实"));
        as(OPERATOR).get("/api/broadcasts/" + id).then().statusCode(200)
                .body("timeline.findAll { it.action == 'broadcast.comment' }.actor", equalTo(List.of(APPROVER)));
    }

    @Test
    void aBarePostWithoutBodyOrContentTypeStillApproves() {
        String village = audience.area("SB" + run, "Bare village " + run, AreaKind.VILLAGE, null);
        long id = submitted(coldWave("zh-CN", "新桥河镇", village, "{\"kind\":\"ONCE\",\"at\":\"2099-02-05T10:00\"}"));
        io.restassured.RestAssured.given().auth().preemptive().basic(APPROVER, BroadcastFixtures.PASSWORD)
                .post("/api/broadcasts/" + id + "/approve").then().statusCode(200)
                .body("broadcast.status", equalTo("approved"));
    }
}
