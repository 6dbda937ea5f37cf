package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A resident's preference for a voice call over an SMS, through the API and the CSV files. */
@QuarkusTest
class ResidentCallPreferenceTest {

    @Inject
    AudienceFixtures fx;

    String run;
    String village;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
        village = fx.area("V" + run, "村" + run, AreaKind.VILLAGE, null);
    }

    private Map<String, Object> body(String phone, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("phone", phone, "areas", List.of(village)));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static boolean stored(String phone) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Resident.findByPhone(phone).orElseThrow().prefersCall);
    }

    private static JsonPath importCsv(String csv, String query) {
        return operator()
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/residents/import" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aResidentCreatedWithoutThePreferenceGetsSmsAndCanBeMarkedLater() {
        int id = operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone()))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("prefersCall", equalTo(false))
                .extract()
                .path("id");
        String phone = operator().get("/api/residents/" + id).then().extract().path("phone");
        operator()
                .contentType(ContentType.JSON)
                .body(body(phone, "prefersCall", true))
                .put("/api/residents/" + id)
                .then()
                .statusCode(200)
                .body("prefersCall", equalTo(true));
        operator().get("/api/residents/" + id).then().statusCode(200).body("prefersCall", equalTo(true));
        assertThat(stored(phone)).isTrue();

        // An update that does not name the field leaves it as it is.
        operator()
                .contentType(ContentType.JSON)
                .body(body(phone, "name", "王奶奶"))
                .put("/api/residents/" + id)
                .then()
                .statusCode(200)
                .body("prefersCall", equalTo(true));
    }

    @Test
    void importReadsYesNoCellsAndRejectsOtherValuesNamingTheColumn() {
        String yes = AudienceFixtures.phone();
        String one = AudienceFixtures.phone();
        String no = AudienceFixtures.phone();
        String blank = AudienceFixtures.phone();
        String bad = AudienceFixtures.phone();
        String csv = String.join(
                "\r\n",
                "name,phone,area,prefers_call",
                "A," + yes + "," + village + ",Yes",
                "B," + one + "," + village + ",1",
                "C," + no + "," + village + ",false",
                "D," + blank + "," + village + ",",
                "E," + bad + "," + village + ",maybe",
                "");
        JsonPath report = importCsv(csv, "?commit=true");
        assertThat(report.getLong("accepted")).isEqualTo(4);
        assertThat(report.getLong("rejected")).isEqualTo(1);
        Map<String, Object> rejected = report.getMap("rows.find { it.row == 6 }");
        assertThat(rejected.get("status")).isEqualTo("rejected");
        assertThat((String) rejected.get("reason")).contains("prefers_call").contains("maybe");
        assertThat(stored(yes)).isTrue();
        assertThat(stored(one)).isTrue();
        assertThat(stored(no)).isFalse();
        assertThat(stored(blank)).isFalse();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Resident.findByPhone(bad).isPresent()))
                .isFalse();

        // Updating from a file: a cell changes the preference, a blank cell keeps it.
        String again = String.join(
                "\r\n",
                "phone,area,prefers_call",
                yes + "," + village + ",",
                no + "," + village + ",YES",
                one + "," + village + ",0",
                "");
        JsonPath updated = importCsv(again, "?commit=true&duplicates=update");
        assertThat(updated.getLong("updated")).isEqualTo(3);
        assertThat(stored(yes)).isTrue();
        assertThat(stored(no)).isTrue();
        assertThat(stored(one)).isFalse();
    }

    @Test
    void exportWritesThePreferenceAndItImportsBack() throws IOException {
        String caller = AudienceFixtures.phone();
        String texter = AudienceFixtures.phone();
        operator()
                .contentType(ContentType.JSON)
                .body(body(caller, "prefersCall", true))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("prefersCall", equalTo(true));
        operator()
                .contentType(ContentType.JSON)
                .body(body(texter))
                .post("/api/residents")
                .then()
                .statusCode(201);
        byte[] exported = operator()
                .queryParam("area", village)
                .get("/api/residents/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
        int column = rows.get(0).toList().indexOf("prefers_call");
        assertThat(column).isPositive();
        Map<String, String> byPhone = new HashMap<>();
        rows.stream().skip(1).forEach(r -> byPhone.put(r.get(1).substring(1), r.get(column)));
        assertThat(byPhone).containsEntry(caller, "true").containsEntry(texter, "false");

        JsonPath report = importCsv(text, "");
        assertThat(report.getLong("rejected")).isZero();
        assertThat(report.getList("columns")).contains("prefers_call");
    }
}
