package dev.tocsin.cap;

import static dev.tocsin.cap.CapFixtures.APPROVER;
import static dev.tocsin.cap.CapFixtures.OPERATOR;
import static dev.tocsin.cap.CapFixtures.as;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trigger rules: a cold-wave warning drafts the right notice; a Cancel proposes withdrawing it. */
@QuarkusTest
class CapRulesTest {

    @Inject
    CapFixtures fixtures;

    @Inject
    Clock clock;

    private String run;
    private String district;
    private String village;

    @BeforeEach
    void setUp() {
        fixtures.ensureUsers();
        run = AudienceFixtures.run();
        district = fixtures.area("RD" + run, "资阳" + run, AreaKind.DISTRICT, null, CapExportTest.POLYGON);
        village = fixtures.area("RV" + run, "青山村" + run, AreaKind.VILLAGE, district, null);
    }

    private String rule(String name, String events) {
        return """
                {"name":"%s","match":{"events":%s,"categories":["Met"],"severities":["Severe","Extreme"],
                 "languages":["zh"],"areaCodes":["%s"]},
                 "draft":{"templateId":"cold-wave","language":"zh-CN","channels":["sms"],
                  "variables":{"area":"areaNames","period":"period","lowTemperature":"parameter:minTemperature|-2"}}}""".formatted(name, events, district);
    }

    private static JsonPath ingest(String xml) {
        return admin().contentType("application/cap+xml")
                .body(xml.getBytes(StandardCharsets.UTF_8))
                .post("/api/cap/ingest")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void aColdWaveWarningForAVillageInsideTheDistrictDraftsTheColdWaveNoticePendingApproval() {
        long ruleId = as(OPERATOR)
                .body(rule("cold wave " + run, "[\"寒潮\"]"))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        Instant sent = clock.instant();
        JsonPath r = ingest(CapSamples.coldWave(CapSamples.SENDER, CapSamples.id(), sent, village, null));
        assertThat(r.getList("triggers.findAll { it.ruleId == " + ruleId + " }.state"))
                .containsExactly("drafted");
        long broadcast = r.getLong("triggers.find { it.ruleId == " + ruleId + " }.broadcastId");

        JsonPath b = as(OPERATOR)
                .get("/api/broadcasts/" + broadcast)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(b.getString("broadcast.status")).isEqualTo("pending_approval");
        dev.tocsin.broadcast.Broadcast stored = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> dev.tocsin.broadcast.Broadcast.findById(broadcast));
        assertThat(stored.templateId).isEqualTo("cold-wave");
        assertThat(stored.createdBy).isEqualTo("cap-rules");
        assertThat(stored.submittedBy).isEqualTo("cap-rules");
        assertThat(stored.language).isEqualTo("zh-CN");
        LocalDate from = LocalDate.ofInstant(sent, CapSamples.SHANGHAI);
        JsonPath vars = JsonPath.from(stored.variablesJson);
        assertThat(vars.getString("area")).isEqualTo("资阳" + run);
        assertThat(vars.getInt("lowTemperature")).isEqualTo(-4);
        assertThat(vars.getString("period.from")).isEqualTo(from.toString());
        assertThat(vars.getString("period.to")).isEqualTo(from.plusDays(2).toString());
        assertThat(stored.audienceJson).contains(district);
        // The system account submitted it; a person approves (two-person rule holds).
        as(APPROVER)
                .post("/api/broadcasts/" + broadcast + "/approve")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("approved"));
    }

    @Test
    void aPolygonOverlappingTheDistrictMatchesAndOtherEventsOrPlacesDoNot() {
        long ruleId = as(OPERATOR)
                .body(rule("polygon " + run, "[\"寒潮\"]"))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonPath hit = ingest(CapSamples.coldWave(
                CapSamples.SENDER, CapSamples.id(), clock.instant(), null, CapSamples.polygon(28.7, 112.4, 0.2, 120)));
        assertThat(hit.getList("triggers.findAll { it.ruleId == " + ruleId + " }.state"))
                .containsExactly("drafted");
        JsonPath far = ingest(CapSamples.coldWave(
                CapSamples.SENDER, CapSamples.id(), clock.instant(), null, CapSamples.polygon(40.0, 116.4, 0.2, 120)));
        assertThat(far.getList("triggers.findAll { it.ruleId == " + ruleId + " }"))
                .isEmpty();
        JsonPath otherEvent =
                ingest(CapSamples.coldWave(CapSamples.SENDER, CapSamples.id(), clock.instant(), village, null)
                        .replace("寒潮蓝色预警", "大风蓝色预警")
                        .replace("湖南省气象台发布寒潮", "湖南省气象台发布大风"));
        assertThat(otherEvent.getList("triggers.findAll { it.ruleId == " + ruleId + " }"))
                .isEmpty();
    }

    @Test
    void anUpstreamCancelProposesWithdrawalThatStaffAcceptAndNothingIsCancelledSilently() {
        long ruleId = as(OPERATOR)
                .body(rule("cancel " + run, "[\"寒潮\"]"))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String identifier = CapSamples.id();
        Instant sent = clock.instant().minusSeconds(120);
        JsonPath alert = ingest(CapSamples.coldWave(CapSamples.SENDER, identifier, sent, village, null));
        long broadcast = alert.getLong("triggers.find { it.ruleId == " + ruleId + " }.broadcastId");

        JsonPath cancel = ingest(CapSamples.cancel(
                CapSamples.SENDER,
                CapSamples.id(),
                clock.instant(),
                CapSamples.SENDER + "," + identifier + "," + CapSamples.time(sent)));
        assertThat(cancel.getList("triggers.kind")).containsExactly("withdrawal");
        assertThat(cancel.getString("triggers[0].state")).isEqualTo("proposed");
        assertThat(cancel.getLong("triggers[0].broadcastId")).isEqualTo(broadcast);
        long proposal = cancel.getLong("triggers[0].id");
        as(OPERATOR).get("/api/broadcasts/" + broadcast).then().body("broadcast.status", equalTo("pending_approval"));

        as(APPROVER)
                .post("/api/cap/proposals/" + proposal + "/accept")
                .then()
                .statusCode(200)
                .body("state", equalTo("accepted"))
                .body("broadcastStatus", equalTo("cancelled"));
        as(APPROVER).post("/api/cap/proposals/" + proposal + "/dismiss").then().statusCode(409);
        as(OPERATOR).get("/api/broadcasts/" + broadcast).then().body("broadcast.status", equalTo("cancelled"));
    }

    @Test
    void aRuleTheTemplateCannotSatisfyRecordsAFailedTriggerButTheAlertIsStored() {
        String bad = rule("bad " + run, "[\"寒潮\"]").replace("\"parameter:minTemperature|-2\"", "\"literal:cold\"");
        long ruleId = as(OPERATOR)
                .body(bad)
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonPath r = ingest(CapSamples.coldWave(CapSamples.SENDER, CapSamples.id(), clock.instant(), village, null));
        assertThat(r.getList("triggers.findAll { it.ruleId == " + ruleId + " }.state"))
                .containsExactly("failed");
        assertThat(r.getString("triggers.find { it.ruleId == " + ruleId + " }.detail"))
                .contains("lowTemperature");
    }

    @Test
    void rulesAreValidatedAndEditable() {
        as(OPERATOR)
                .body("""
                {"name":"","match":{"severities":["Huge"],"areaCodes":["nowhere"]},
                 "draft":{"templateId":"no-such","channels":["fax"],"variables":{"area":"bogus|x"}}}""")
                .post("/api/cap/rules")
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("match.severities"))
                .body("errors.field", hasItem("match.areaCodes"))
                .body("errors.field", hasItem("draft.templateId"))
                .body("errors.field", hasItem("draft.channels"))
                .body("errors.field", hasItem("draft.language"))
                .body("errors.field", hasItem("draft.variables.area"));
        long id = as(OPERATOR)
                .body(rule("edit " + run, "[\"寒潮\"]"))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        as(OPERATOR)
                .body(rule("edit " + run, "[\"寒潮\"]"))
                .post("/api/cap/rules")
                .then()
                .statusCode(409);
        as(OPERATOR)
                .body(rule("edit " + run, "[\"暴雪\"]").replace("\"match\"", "\"enabled\":false,\"match\""))
                .put("/api/cap/rules/" + id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("definition.match.events[0]", equalTo("暴雪"));
        as(APPROVER).delete("/api/cap/rules/" + id).then().statusCode(403);
        as(OPERATOR).delete("/api/cap/rules/" + id).then().statusCode(204);
        as(OPERATOR).get("/api/cap/rules/" + id).then().statusCode(404);
    }
}
