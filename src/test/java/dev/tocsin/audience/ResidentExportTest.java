package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.approver;
import static dev.tocsin.audience.AudienceFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResidentExportTest {

    @Inject
    AudienceFixtures fx;

    @Inject
    ResidentService residents;

    String run;
    String town;
    String village;
    String elsewhere;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
        town = fx.area("T" + run, "镇" + run, AreaKind.TOWN, null);
        village = fx.area("V" + run, "村" + run, AreaKind.VILLAGE, town);
        elsewhere = fx.area("E" + run, "外" + run, AreaKind.VILLAGE, null);
    }

    private byte[] export(String area) {
        return operator()
                .queryParam("area", area)
                .get("/api/residents/export")
                .then()
                .statusCode(200)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .extract()
                .asByteArray();
    }

    private static List<CSVRecord> parse(byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).as("starts with a byte order mark for Excel").startsWith("\uFEFF");
        return CSVFormat.EXCEL.parse(new StringReader(text.substring(1))).getRecords();
    }

    @Test
    void exportOfAnAreaListsItsResidentsBelowItWithFormulasNeutralised() throws IOException {
        String phone = AudienceFixtures.phone();
        residents.create(
                "test",
                new ResidentViews.ResidentInput(
                        "=HYPERLINK(\"http://evil\",\"x\")",
                        phone,
                        "en",
                        List.of(village),
                        List.of("elderly", "vendor"),
                        false,
                        null));
        String plain = AudienceFixtures.phone();
        residents.create(
                "test", new ResidentViews.ResidentInput("-2+3", plain, null, List.of(village), List.of(), false, null));
        fx.resident(AudienceFixtures.phone(), List.of(elsewhere), List.of(), null, false);

        List<CSVRecord> rows = parse(export(town));
        assertThat(rows.get(0).toList())
                .containsExactly(
                        "name",
                        "phone",
                        "area",
                        "language",
                        "tags",
                        "consent",
                        "consent_at",
                        "consent_channel",
                        "test_recipient",
                        "prefers_call");
        assertThat(rows).hasSize(3);
        CSVRecord first = rows.get(1);
        assertThat(first.get(0)).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(first.get(1)).as("E.164 starts with '+': kept as text").isEqualTo("'" + phone);
        assertThat(first.get(2)).isEqualTo(village);
        assertThat(first.get(3)).isEqualTo("en");
        assertThat(first.get(4)).isEqualTo("elderly;vendor");
        assertThat(first.get(5)).isEqualTo("subscribed");
        assertThat(rows.get(2).get(0)).isEqualTo("'-2+3");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.neutralise("\rcmd")).isEqualTo("'\rcmd");
        assertThat(CsvCells.neutralise("张三")).isEqualTo("张三");
    }

    @Test
    void anExportCanBeImportedAgainUnchanged() {
        String phone = AudienceFixtures.phone();
        fx.resident(phone, List.of(village), List.of("elderly"), "en", false);
        byte[] csv = export(village);
        JsonPath report = operator()
                .contentType("text/csv")
                .body(csv)
                .post("/api/residents/import")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getLong("rejected")).isZero();
        assertThat(report.getLong("skipped")).isEqualTo(1);
        assertThat(report.getString("rows[0].phone")).isEqualTo(phone);
        assertThat(report.getList("ignoredColumns")).contains("consent", "test_recipient");
    }

    @Test
    void exportNeedsAKnownAreaAndARoleThatSeesPersonalData() {
        operator().get("/api/residents/export").then().statusCode(400).body("field", equalTo("area"));
        operator()
                .queryParam("area", "NOPE" + run)
                .get("/api/residents/export")
                .then()
                .statusCode(400)
                .body("field", equalTo("area"));
        approver()
                .queryParam("area", village)
                .get("/api/residents/export")
                .then()
                .statusCode(403);
    }
}
