package dev.tocsin.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.testing.BroadcastSteps;
import dev.tocsin.testing.SandboxSms;
import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A village's duty officers on a rota: the warning reaches the one on duty on the district's date,
 * and the silent officer's backup is the B角 on duty that day; posts without a rota are reached
 * every day.
 */
@QuarkusTest
class DutyRotaFlowTest {

    @Inject
    AudienceFixtures audience;

    @Inject
    AdjustableClock clock;

    @Inject
    Clock wallClock;

    @Inject
    TocsinConfig tocsin;

    @Inject
    DutyCalls calls;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static long person(String name, String mobile, String area, String role, String rank, String rota) {
        Map<String, Object> body =
                new HashMap<>(Map.of("name", name, "mobile", mobile, "area", area, "role", role, "rank", rank));
        if (rota != null) {
            body.put("rota", rota);
        }
        return Staff.adminJson()
                .body(body)
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    @Test
    void theOfficerOnDutyTodayIsCalledAndTheBackupOnDutyIsEscalatedTo() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        String town = audience.area("RT" + run, "清溪镇" + run, AreaKind.TOWN, null);
        String village = audience.area("RV" + run, "柳塘村" + run, AreaKind.VILLAGE, town);
        LocalDate today = LocalDate.ofInstant(wallClock.instant(), tocsin.zone());
        String todayName = today.getDayOfWeek().name().toLowerCase().substring(0, 3);
        String tomorrowName =
                today.plusDays(1).getDayOfWeek().name().toLowerCase().substring(0, 3);

        String head = AudienceFixtures.phone();
        String onDuty = AudienceFixtures.phone();
        String offDuty = AudienceFixtures.phone();
        String backupOff = AudienceFixtures.phone();
        String backupOn = AudienceFixtures.phone();
        person("陈村长", head, village, "village-head", "primary", null);
        long officer = person("值班员甲", onDuty, village, "duty-officer", "A角", today.toString());
        person("值班员乙", offDuty, village, "duty-officer", "A角", tomorrowName + "," + today.minusDays(1));
        person(
                "备班丙",
                backupOff,
                village,
                "duty-officer",
                "B角",
                today.plusDays(1).toString());
        long backup = person("备班丁", backupOn, village, "duty-officer", "B角", todayName);

        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                """
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],"priority":"urgent","colour":"red",
                 "variables":{"area":"清溪镇","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(village));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> SandboxSms.bodies(onDuty).size() == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SandboxSms.bodies(head).size() == 1);
        assertThat(SandboxSms.bodies(offDuty)).as("off duty by rota").isEmpty();

        // The officer on duty stays silent: the backup on duty today is messaged, not the other.
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        calls.escalate();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SandboxSms.bodies(backupOn).size() == 1);
        assertThat(SandboxSms.bodies(backupOn).get(0)).contains("值班员甲（A角）未确认收到此预警");
        assertThat(SandboxSms.bodies(backupOff)).isEmpty();

        JsonPath rec = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rec.getList("entries.person.name", String.class)).containsExactlyInAnyOrder("陈村长", "值班员甲");
        assertThat(rec.getLong("entries.find { it.person.id == " + officer + " }.backup.id"))
                .isEqualTo(backup);
        assertThat(List.of(SandboxSms.bodies(offDuty), SandboxSms.bodies(backupOff)))
                .allSatisfy(b -> assertThat(b).isEmpty());
    }
}
