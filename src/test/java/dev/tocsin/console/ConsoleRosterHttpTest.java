package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.testing.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roster pages: list per area, add, edit, delete by form, and the CSV import's row report. */
@QuarkusTest
class ConsoleRosterHttpTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"");

    @Inject
    AudienceFixtures audience;

    private String town;
    private String village;
    private Map<String, String> operator;

    @BeforeEach
    void setUp() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        town = audience.area("KT" + run, "青石镇" + run, AreaKind.TOWN, null);
        village = audience.area("KV" + run, "竹林村" + run, AreaKind.VILLAGE, town);
        operator = ConsoleHttpTest.login(AudienceFixtures.OPERATOR, AudienceFixtures.PASSWORD);
    }

    private JsonPath listed() {
        return Staff.admin()
                .get("/api/duty/persons?area=" + town)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void operatorAddsEditsAndDeletesAPersonAndEveryBadFieldIsShownByName() {
        String head = AudienceFixtures.phone();
        String officer = AudienceFixtures.phone();
        ConsoleForms add = ConsoleForms.open(operator, "/console/roster?area=" + town);
        Response created = add.post()
                .formParam("name", "杨帆")
                .formParam("mobile", head)
                .formParam("area", town)
                .formParam("role", "township-head")
                .formParam("rank", "primary")
                .post("/console/roster");
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.getHeader("Location"))
                .contains("/console/roster?area=" + town)
                .contains("done=created");
        // The same form posted again (a double click) adds nobody more.
        add.post()
                .formParam("name", "杨帆")
                .formParam("mobile", head)
                .formParam("area", town)
                .formParam("role", "township-head")
                .formParam("rank", "primary")
                .post("/console/roster")
                .then()
                .statusCode(303);
        assertThat(listed().getInt("total")).isEqualTo(1);

        ConsoleForms add2 = ConsoleForms.open(operator, "/console/roster?area=" + town);
        add2.post()
                .formParam("name", "何静")
                .formParam("mobile", officer)
                .formParam("area", village)
                .formParam("role", "duty-officer")
                .formParam("rank", "backup")
                .formParam("superior", head)
                .formParam("language", "en")
                .formParam("rota", "周六、周日")
                .post("/console/roster")
                .then()
                .statusCode(303);
        long id = listed().getLong("persons.find { it.mobile == '" + officer + "' }.id");

        String zh = given().cookies(operator)
                .header("Accept-Language", "zh-CN")
                .get("/console/roster?area=" + town)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(zh)
                .contains("叫应责任人名单")
                .contains("共 2 人")
                .contains("<th scope=\"row\">何静</th>")
                .contains("值班员")
                .contains("data-rank=\"backup\">B角")
                .contains("<td>杨帆</td>")
                .contains("<td class=\"rota\">sat,sun</td>")
                .contains("<span class=\"hint\">每天</span>");

        // Edit: the form shows the person, superior by mobile; a bad rota and area are named.
        ConsoleForms edit = ConsoleForms.open(operator, "/console/roster/" + id);
        assertThat(edit.page().asString())
                .contains("Edit 何静")
                .contains("value=\"" + head + "\"")
                .contains("value=\"sat,sun\"");
        String refused = edit.post()
                .formParam("name", "何静")
                .formParam("mobile", officer)
                .formParam("area", "NOWHERE")
                .formParam("role", "duty-officer")
                .formParam("rank", "backup")
                .formParam("superior", "+8613000000000")
                .formParam("rota", "mon,someday")
                .post("/console/roster/" + id)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused)
                .contains("id=\"superior-error\">no person with mobile")
                .doesNotContain("id=\"rota-error\""); // the superior is read first; fixed, the rest is checked
        String refused2 = ConsoleForms.open(operator, "/console/roster/" + id)
                .post()
                .formParam("name", "何静")
                .formParam("mobile", officer)
                .formParam("area", "NOWHERE")
                .formParam("role", "duty-officer")
                .formParam("rank", "backup")
                .formParam("rota", "mon,someday")
                .post("/console/roster/" + id)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(refused2)
                .contains("id=\"area-error\">no area with code &#39;NOWHERE&#39;")
                .contains("id=\"rota-error\">&#39;someday&#39; is neither a weekday")
                .contains("value=\"mon,someday\"");
        ConsoleForms.open(operator, "/console/roster/" + id)
                .post()
                .formParam("name", "何静")
                .formParam("mobile", officer)
                .formParam("area", village)
                .formParam("role", "duty-officer")
                .formParam("rank", "primary")
                .formParam("superior", head)
                .formParam("rota", "mon")
                .post("/console/roster/" + id)
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("done=updated"));
        JsonPath after =
                Staff.admin().get("/api/duty/persons/" + id).then().extract().jsonPath();
        assertThat(after.getString("rank")).isEqualTo("primary");
        assertThat(after.getString("rota")).isEqualTo("mon");

        // The head is the officer's superior: deleting is refused and says why; the officer goes.
        long headId = listed().getLong("persons.find { it.mobile == '" + head + "' }.id");
        ConsoleForms list = ConsoleForms.open(operator, "/console/roster?area=" + town);
        Response refusedDelete = list.post().formParam("area", town).post("/console/roster/" + headId + "/delete");
        assertThat(refusedDelete.statusCode()).isEqualTo(303);
        assertThat(refusedDelete.getHeader("Location")).contains("error=");
        list.post()
                .formParam("area", town)
                .post("/console/roster/" + id + "/delete")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("done=deleted"));
        assertThat(listed().getInt("total")).isEqualTo(1);

        // A bad area filter is a 400 naming it; approvers do not keep the roster; no CSRF, no change.
        assertThat(given().cookies(operator)
                        .get("/console/roster?area=NOPE")
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString())
                .contains("id=\"filter-error\">no area with code &#39;NOPE&#39;");
        given().cookies(operator).get("/console/roster?page=-1").then().statusCode(400);
        Map<String, String> approver = ConsoleHttpTest.login(AudienceFixtures.APPROVER, AudienceFixtures.PASSWORD);
        given().cookies(approver)
                .redirects()
                .follow(false)
                .get("/console/roster")
                .then()
                .statusCode(403);
        given().cookies(operator)
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("area", town)
                .post("/console/roster/" + headId + "/delete")
                .then()
                .statusCode(403);
        assertThat(listed().getInt("total")).isEqualTo(1);
    }

    @Test
    void csvImportShowsTheRowReportAndTheCommitSavesTheAcceptedRowsOnce() {
        String head = AudienceFixtures.phone();
        String a = AudienceFixtures.phone();
        String csv = String.join(
                "\r\n",
                "姓名,手机号,区域,岗位,AB角,上级,值班日期",
                "钱亮," + head + "," + town + ",乡镇主要负责人,A角,,",
                "孔雪," + a + "," + village + ",值班员,A角," + head + ",周一",
                "坏号码,12345," + village + ",值班员,B角,,",
                "坏日期," + AudienceFixtures.phone() + "," + village + ",值班员,B角,,someday");
        ConsoleForms page = ConsoleForms.open(operator, "/console/roster");
        String report = given().cookies(operator)
                .header("Accept-Language", "en")
                .cookie(ConsoleView.CSRF_COOKIE, page.csrf())
                .multiPart("file", "roster.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("_csrf", page.csrf())
                .post("/console/roster/import")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(report)
                .contains("id=\"ir-read\">4<")
                .contains("id=\"ir-accepted\">2<")
                .contains("id=\"ir-rejected\">2<")
                .contains("mobile:")
                .contains("rota: &#39;someday&#39;")
                .contains("Import the 2 accepted rows");
        assertThat(listed().getInt("total")).as("a check saves nothing").isZero();

        Matcher token = TOKEN.matcher(report);
        assertThat(token.find()).isTrue();
        Matcher form = Pattern.compile("id=\"commit-import\">.*?name=\"_form\" value=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(report);
        assertThat(form.find()).isTrue();
        for (int i = 0; i < 2; i++) {
            Response done = given().redirects()
                    .follow(false)
                    .cookies(operator)
                    .cookie(ConsoleView.CSRF_COOKIE, page.csrf())
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("_csrf", page.csrf())
                    .formParam("_form", form.group(1))
                    .formParam("token", token.group(1))
                    .post("/console/roster/import/commit");
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(done.getHeader("Location")).contains("done=imported&added=2&updated=0&rejected=2");
        }
        JsonPath people = listed();
        assertThat(people.getInt("total")).isEqualTo(2);
        assertThat(people.getString("persons.find { it.mobile == '" + a + "' }.rota"))
                .isEqualTo("mon");
        String zh = given().cookies(operator)
                .header("Accept-Language", "zh-CN")
                .get("/console/roster?done=imported&added=2&updated=0&rejected=2")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(zh).contains("已导入：新增 2 人，更新 0 人，拒绝 2 行。");

        // No file is a 400 naming the field; a stale token says to upload again.
        given().cookies(operator)
                .cookie(ConsoleView.CSRF_COOKIE, page.csrf())
                .multiPart("_csrf", page.csrf())
                .multiPart("other", "x")
                .post("/console/roster/import")
                .then()
                .statusCode(400);
        given().redirects()
                .follow(false)
                .cookies(operator)
                .cookie(ConsoleView.CSRF_COOKIE, page.csrf())
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("_csrf", page.csrf())
                .formParam("token", token.group(1))
                .post("/console/roster/import/commit")
                .then()
                .statusCode(400);
    }
}
