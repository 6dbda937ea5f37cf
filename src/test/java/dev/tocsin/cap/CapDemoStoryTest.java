package dev.tocsin.cap;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Out of the box: the demo district ships rules, so a cold-wave or blizzard warning drafts its notice. */
@QuarkusTest
@TestProfile(CapDemoStoryTest.WithDemo.class)
class CapDemoStoryTest {

    public static class WithDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.demo.enabled", "true");
        }
    }

    @Inject
    Clock clock;

    @Inject
    CapDemoRules demoRules;

    private static JsonPath ingest(String xml) {
        return admin().contentType("application/cap+xml")
                .body(xml.getBytes(StandardCharsets.UTF_8))
                .post("/api/cap/ingest")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static Broadcast broadcast(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Broadcast.findById(id));
    }

    @Test
    void demoRulesDraftColdWaveAndSnowNoticesForTheDistrictAndTheConsoleListsThem() {
        assertThat(admin().get("/api/cap/rules").jsonPath().getList("name", String.class))
                .contains(
                        "Cold wave warning → cold-wave notice",
                        "Road icing warning → cold-wave notice",
                        "Blizzard warning → snow-load notice");
        assertThat(demoRules.seed()).isZero();

        JsonPath cold = ingest(
                CapSamples.coldWave(CapSamples.SENDER, CapSamples.id(), clock.instant(), CapDemoRules.DEMO_ROOT, null));
        assertThat(cold.getList("triggers.state")).containsExactly("drafted");
        Broadcast draft = broadcast(cold.getLong("triggers[0].broadcastId"));
        assertThat(draft.templateId).isEqualTo("cold-wave");
        assertThat(draft.variablesJson).contains("\"area\":\"资阳区\"").contains("\"lowTemperature\":-4");

        String blizzard = CapSamples.coldWave(CapSamples.SENDER, CapSamples.id(), clock.instant(), "430902100201", null)
                .replace("寒潮蓝色预警", "暴雪橙色预警")
                .replace("Cold wave blue warning", "Blizzard orange warning")
                .replace("湖南省气象台发布寒潮蓝色预警", "湖南省气象台发布暴雪橙色预警")
                .replace(
                        "<valueName>minTemperature</valueName><value>-4</value>",
                        "<valueName>snowDepth</valueName><value>15</value>");
        JsonPath snow = ingest(blizzard);
        assertThat(snow.getList("triggers.state")).containsExactly("drafted");
        Broadcast snowDraft = broadcast(snow.getLong("triggers[0].broadcastId"));
        assertThat(snowDraft.templateId).isEqualTo("snow-load");
        assertThat(snowDraft.variablesJson).contains("\"snowDepth\":15");

        Map<String, String> session = given().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin")
                .formParam("j_password", Staff.ADMIN_PASSWORD)
                .post("/console/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .cookies();
        given().cookies(session)
                .header("Accept-Language", "zh-CN")
                .get("/console/cap")
                .then()
                .statusCode(200)
                .body(containsString("上游预警"))
                .body(containsString("湖南省气象台发布暴雪橙色预警"))
                .body(containsString("广播 " + snowDraft.id));
    }
}
