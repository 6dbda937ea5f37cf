package dev.tocsin.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DutyRosterTest {

    @Inject
    AudienceFixtures audience;

    private String town;
    private String village;

    @BeforeEach
    void areas() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        town = audience.area("DT" + run, "Xinqiao Town " + run, AreaKind.TOWN, null);
        village = audience.area("DV" + run, "Shuangshan Village " + run, AreaKind.VILLAGE, town);
    }

    private static JsonPath create(Map<String, Object> body) {
        return Staff.adminJson()
                .body(body)
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void operatorKeepsTheRosterAndEveryBadFieldIsNamed() {
        String mobile = AudienceFixtures.phone();
        JsonPath head =
                create(Map.of("name", "Li Wei", "mobile", mobile, "area", town, "role", "乡镇主要负责人", "rank", "A角"));
        long headId = head.getLong("id");
        assertThat(head.getString("role")).isEqualTo("township-head");
        assertThat(head.getString("rank")).isEqualTo("primary");
        assertThat(head.getString("language")).isEqualTo("zh-CN");
        assertThat(head.getString("area.code")).isEqualTo(town);

        // Spaces and a national number are read as E.164; the same mobile may hold another post.
        String national = mobile.substring(3);
        JsonPath village1 = AudienceFixtures.operator()
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "Li Wei",
                        "mobile",
                        national.substring(0, 3) + " " + national.substring(3),
                        "area",
                        village,
                        "role",
                        "village-head",
                        "rank",
                        "backup",
                        "superiorId",
                        headId,
                        "language",
                        "en"))
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(village1.getString("mobile")).isEqualTo(mobile);
        assertThat(village1.getLong("superiorId")).isEqualTo(headId);

        Staff.adminJson()
                .body(Map.of(
                        "name",
                        "",
                        "mobile",
                        "12345",
                        "area",
                        "NOPE",
                        "role",
                        "mayor",
                        "rank",
                        "C",
                        "language",
                        "fr",
                        "superiorId",
                        999_999_999))
                .post("/api/duty/persons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("mobile"))
                .body("errors.field", hasItem("area"))
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("rank"))
                .body("errors.field", hasItem("language"))
                .body("errors.field", hasItem("superiorId"));

        // The same post twice is a conflict naming the mobile; a person cannot be their own superior.
        Staff.adminJson()
                .body(Map.of(
                        "name", "Li Wei", "mobile", mobile, "area", town, "role", "township-head", "rank", "primary"))
                .post("/api/duty/persons")
                .then()
                .statusCode(409)
                .body("field", equalTo("mobile"));
        Staff.adminJson()
                .body(Map.of(
                        "name",
                        "Li Wei",
                        "mobile",
                        mobile,
                        "area",
                        town,
                        "role",
                        "township-head",
                        "rank",
                        "primary",
                        "superiorId",
                        headId))
                .put("/api/duty/persons/" + headId)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("superiorId"));

        Staff.adminJson()
                .body(Map.of(
                        "name",
                        "Li Wei Jr",
                        "mobile",
                        mobile,
                        "area",
                        town,
                        "role",
                        "township-head",
                        "rank",
                        "primary"))
                .put("/api/duty/persons/" + headId)
                .then()
                .statusCode(200)
                .body("name", equalTo("Li Wei Jr"));
        Staff.admin()
                .get("/api/duty/persons?area=" + town)
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        // The head is still someone's superior: refused until that changes.
        Staff.admin()
                .delete("/api/duty/persons/" + headId)
                .then()
                .statusCode(409)
                .body("field", equalTo("id"));
        Staff.admin()
                .delete("/api/duty/persons/" + village1.getLong("id"))
                .then()
                .statusCode(204);
        Staff.admin().get("/api/duty/persons/" + village1.getLong("id")).then().statusCode(404);
        Staff.admin().get("/api/duty/persons/x").then().statusCode(400).body("field", equalTo("id"));
        AudienceFixtures.approver().get("/api/duty/persons").then().statusCode(403);
    }

    @Test
    void aRotaIsReadOnceShownOneWayAndABadDayIsNamed() {
        JsonPath officer = create(Map.of(
                "name",
                "Zhou Min",
                "mobile",
                AudienceFixtures.phone(),
                "area",
                village,
                "role",
                "值班员",
                "rank",
                "A",
                "rota",
                "周三、mon 2027/1/5"));
        assertThat(officer.getString("rota")).isEqualTo("mon,wed,2027-01-05");
        Staff.admin()
                .get("/api/duty/persons/" + officer.getLong("id"))
                .then()
                .body("rota", equalTo("mon,wed,2027-01-05"));
        Staff.adminJson()
                .body(Map.of(
                        "name",
                        "Zhou Min",
                        "mobile",
                        officer.getString("mobile"),
                        "area",
                        village,
                        "role",
                        "duty-officer",
                        "rank",
                        "A",
                        "rota",
                        "mon,someday"))
                .put("/api/duty/persons/" + officer.getLong("id"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("rota"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("'someday'"));
        // Without a rota the post is held every day again.
        Staff.adminJson()
                .body(Map.of(
                        "name",
                        "Zhou Min",
                        "mobile",
                        officer.getString("mobile"),
                        "area",
                        village,
                        "role",
                        "duty-officer",
                        "rank",
                        "A"))
                .put("/api/duty/persons/" + officer.getLong("id"))
                .then()
                .statusCode(200)
                .body("rota", org.hamcrest.Matchers.nullValue());

        String a = AudienceFixtures.phone();
        JsonPath report = importCsv(
                String.join(
                        "\r\n",
                        "姓名,手机号,区域,岗位,AB角,值班日期",
                        "孙值班," + a + "," + village + ",值班员,A角,\"周六,周日\"",
                        "错日期," + AudienceFixtures.phone() + "," + village + ",值班员,B角,2027-13-01"),
                true);
        assertThat(report.getList("columns", String.class)).contains("rota");
        List<Map<String, Object>> rows = report.getList("rows");
        assertThat(rows.get(0)).containsEntry("status", "accepted");
        assertThat((String) rows.get(1).get("reason")).startsWith("rota:").contains("2027-13-01");
        Staff.admin()
                .get("/api/duty/persons?area=" + village)
                .then()
                .body("persons.find { it.mobile == '" + a + "' }.rota", equalTo("sat,sun"));
    }

    @Test
    void csvImportReportsEveryRowAndADryRunWritesNothing() {
        String head = AudienceFixtures.phone();
        String a = AudienceFixtures.phone();
        String b = AudienceFixtures.phone();
        String csv = String.join(
                "\r\n",
                "姓名,手机号,区域,岗位,AB角,上级,语言,备注",
                "王芳," + head + "," + town + ",乡镇主要负责人,A角,,zh-CN,",
                "张强," + a + "," + village + ",村（社区）责任人,A角," + head + ",,",
                "刘洋," + b + "," + village + ",村（社区）责任人,B角," + head + ",en,",
                "坏号码,12345," + village + ",网格员,A角,,,",
                "无区域," + AudienceFixtures.phone() + ",NOWHERE,网格员,A角,,,",
                "无上级," + AudienceFixtures.phone() + "," + village + ",网格员,A角,+8613900000000,,");
        JsonPath dry = importCsv(csv, false);
        assertThat(dry.getBoolean("committed")).isFalse();
        assertThat(dry.getList("columns", String.class))
                .containsExactly("name", "mobile", "area", "role", "rank", "superior", "language");
        assertThat(dry.getList("ignoredColumns", String.class)).containsExactly("备注");
        assertThat(dry.getLong("rowsRead")).isEqualTo(6);
        assertThat(dry.getLong("accepted")).isEqualTo(3);
        assertThat(dry.getLong("rejected")).isEqualTo(3);
        List<Map<String, Object>> rows = dry.getList("rows");
        assertThat(rows.get(0))
                .containsEntry("row", 2)
                .containsEntry("status", "accepted")
                .containsEntry("action", "insert");
        assertThat((String) rows.get(3).get("reason")).startsWith("mobile:");
        assertThat((String) rows.get(4).get("reason")).contains("area:").contains("NOWHERE");
        assertThat((String) rows.get(5).get("reason")).startsWith("superior:");
        Staff.admin().get("/api/duty/persons?area=" + town).then().body("total", equalTo(0));

        JsonPath done = importCsv(csv, true);
        assertThat(done.getLong("inserted")).isEqualTo(3);
        JsonPath listed = Staff.admin()
                .get("/api/duty/persons?area=" + town)
                .then()
                .extract()
                .jsonPath();
        assertThat(listed.getInt("total")).isEqualTo(3);
        long headId = listed.getLong("persons.find { it.mobile == '" + head + "' }.id");
        assertThat(listed.getLong("persons.find { it.mobile == '" + a + "' }.superiorId"))
                .isEqualTo(headId);
        assertThat(listed.getString("persons.find { it.mobile == '" + b + "' }.rank"))
                .isEqualTo("backup");

        // The same file again updates the posts it names instead of adding them twice.
        JsonPath again = importCsv(csv, true);
        assertThat(again.getLong("updated")).isEqualTo(3);
        assertThat(again.getLong("inserted")).isZero();
    }

    private static JsonPath importCsv(String csv, boolean commit) {
        return Staff.admin()
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/duty/persons/import?commit=" + commit)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
