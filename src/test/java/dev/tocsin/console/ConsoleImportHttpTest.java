package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Resident;
import dev.tocsin.audience.ResidentImporter;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The resident import's commit as a background job: its progress JSON, one job per form, owner only. */
@QuarkusTest
class ConsoleImportHttpTest {

    static final String RUN = String.format("%06d", System.nanoTime() % 1_000_000L);
    static final String OPERATOR = "imp-" + RUN;
    static final String OTHER = "imq-" + RUN;
    static final String PASSWORD = "console-import-password";

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @Inject
    ResidentImporter importer;

    @Test
    void progressCountsRowsAsTheyAreWrittenOrRejected() {
        ConsoleFixtures.ensureDistrict(optOut);
        StringBuilder csv = new StringBuilder("phone,area\n");
        for (int i = 0; i < 2500; i++) {
            csv.append(String.format("+86137%08d", i))
                    .append(',')
                    .append(ConsoleFixtures.VILLAGE_A)
                    .append('\n');
        }
        List<Long> seen = new ArrayList<>();
        var report = importer.importCsv(
                "test",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                null,
                false,
                ResidentImporter.Duplicates.SKIP,
                seen::add);
        assertThat(report.rowsRead()).isEqualTo(2500);
        // Chunks of 1,000 rows are looked up (and on commit written) together.
        assertThat(seen).containsExactly(1000L, 2000L, 2500L);
    }

    @Test
    void commitRunsAsAJobWhoseProgressTheOwnerCanPollAndASecondClickGetsTheSameJob() {
        ConsoleFixtures.ensureDistrict(optOut);
        for (String user : List.of(OPERATOR, OTHER)) {
            if (staff.find(user).isEmpty()) {
                staff.create("test", user, PASSWORD, Set.of(Role.OPERATOR), user);
            }
        }
        String p1 = "+86137" + RUN + "01";
        String p2 = "+86137" + RUN + "02";
        String own = ConsoleFixtures.ownVillage();
        String csv = "phone,area\n" + p1 + "," + own + "\n" + p2 + "," + own + "\n12," + own + "\n";
        Map<String, String> me = ConsoleHttpTest.login(OPERATOR, PASSWORD);
        String csrf = given().cookies(me).get("/console/residents").getCookie(ConsoleView.CSRF_COOKIE);
        String dryRun = given().cookies(me)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .multiPart("file", "residents.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("_csrf", csrf)
                .multiPart("duplicates", "skip")
                .post("/console/residents/import")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String token = field(dryRun, "token");
        String formId = field(dryRun, "_form");
        assertThat(residents(p1)).as("a dry run writes nothing").isZero();

        Response first = commit(me, csrf, token, formId);
        assertThat(first.statusCode()).isEqualTo(303);
        String job = first.header("Location").replaceAll("^https?://[^/]+", "");
        assertThat(job).matches("/console/residents/import/jobs/[0-9a-f-]{36}");
        assertThat(commit(me, csrf, token, formId).header("Location"))
                .as("same form, same job")
                .endsWith(job);

        JsonPath done = Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> given().cookies(me)
                                .accept("application/json")
                                .get(job + "/progress")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        p -> !p.getBoolean("running"));
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getLong("processed")).isEqualTo(3);
        assertThat(done.getLong("total")).isEqualTo(3);
        assertThat(done.getLong("percent")).isEqualTo(100);
        assertThat(done.getLong("inserted")).isEqualTo(2);
        assertThat(done.getLong("rejected")).isEqualTo(1);
        assertThat(residents(p1) + residents(p2)).isEqualTo(2);
        given().cookies(me).get(job).then().statusCode(200);

        Map<String, String> other = ConsoleHttpTest.login(OTHER, PASSWORD);
        given().cookies(other)
                .accept("application/json")
                .get(job + "/progress")
                .then()
                .statusCode(404);
        given().cookies(me)
                .accept("application/json")
                .get("/console/residents/import/jobs/nope/progress")
                .then()
                .statusCode(404);
    }

    private static Response commit(Map<String, String> me, String csrf, String token, String formId) {
        return given().redirects()
                .follow(false)
                .cookies(me)
                .cookie(ConsoleView.CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .formParam("token", token)
                .formParam("duplicates", "skip")
                .formParam("_form", formId)
                .post("/console/residents/import/commit");
    }

    private static long residents(String phone) {
        return QuarkusTransaction.requiringNew().call(() -> Resident.count("phone", phone));
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as("form field " + name).isTrue();
        return m.group(1);
    }
}
