package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.approver;
import static dev.tocsin.audience.AudienceFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tocsin.platform.AdjustableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResidentImportTest {

    @Inject
    AudienceFixtures fx;

    @Inject
    OptOutService optOut;

    @Inject
    AdjustableClock clock;

    String run;
    String root;
    String v1;
    String v2;
    String v3;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
        root = fx.area("D" + run, "资阳区" + run, AreaKind.DISTRICT, null);
        String t1 = fx.area("T1" + run, "长春镇", AreaKind.TOWN, root);
        String t2 = fx.area("T2" + run, "迎风桥镇", AreaKind.TOWN, root);
        v1 = fx.area("V1" + run, "青山村" + run, AreaKind.VILLAGE, t1);
        v2 = fx.area("V2" + run, "五岭村", AreaKind.VILLAGE, t1);
        v3 = fx.area("V3" + run, "青山村" + run, AreaKind.VILLAGE, t2);
    }

    static byte[] bytes(String text, Charset charset, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    static JsonPath post(byte[] body, String query, int status) {
        return operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import" + query)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    record Stored(String name, String language, Consent consent, Set<String> areas, Set<String> tags) {}

    static Optional<Stored> stored(String phone) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Resident.findByPhone(phone)
                        .map(r -> new Stored(
                                r.name,
                                r.language,
                                r.consent,
                                r.areaIds.stream()
                                        .map(id -> Area.<Area>findById(id).code)
                                        .collect(Collectors.toCollection(TreeSet::new)),
                                new TreeSet<>(r.tags))));
    }

    static Map<String, Object> row(JsonPath report, int row) {
        return report.getMap("rows.find { it.row == " + row + " }");
    }

    /**
     * The village committee's spreadsheet: Chinese headers, local and international phones,
     * codes and name paths, and one of every mistake. Returns the phones used, by role.
     */
    private void importDirtyFile(Charset charset, boolean bom) {
        String p1 = AudienceFixtures.phone();
        String p2 = AudienceFixtures.phone();
        String p8 = AudienceFixtures.phone();
        String p9 = AudienceFixtures.phone();
        String existing = AudienceFixtures.phone();
        String suppressed = AudienceFixtures.phone();
        fx.resident(existing, List.of(v2), List.of("old"), null, false);
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(suppressed, "sms-keyword", "test"));
        String local1 = p1.substring(3, 6) + " " + p1.substring(6, 10) + " " + p1.substring(10);
        String csv = String.join(
                "\r\n",
                "姓名,手机号,区域,语言,标签",
                "张三," + local1 + ",资阳区" + run + "/长春镇/青山村" + run + ",zh-CN,elderly;Market Vendor",
                "李四,\"+86 " + p2.substring(3) + "\"," + v2 + ",en,",
                "王五,12345,资阳区" + run + "/长春镇/青山村" + run + ",,",
                "赵六," + AudienceFixtures.phone() + ",资阳区" + run + "/不存在村,,",
                "钱七," + p1.substring(3) + "," + v1 + ",,",
                "孙八," + existing + "," + v1 + ",,",
                "周九," + suppressed + "," + v1 + ",,",
                "吴十," + AudienceFixtures.phone() + ",青山村" + run + ",,",
                "郑一," + AudienceFixtures.phone() + "," + v1 + ",fr,",
                "\"=HYPERLINK(\"\"http://x\"\")\"," + AudienceFixtures.phone() + "," + v1 + ",,bad tag!",
                "冯二,010 6552 9988," + v1 + ",,",
                ",,,,",
                "陈三," + p8 + "," + v1 + ";" + v2 + ",EN,a|b",
                "褚四,'" + p9 + "," + v1 + ",,",
                "卫五," + AudienceFixtures.phone() + "," + v1 + ",,x,extra",
                "");
        byte[] body = bytes(csv, charset, bom);

        JsonPath dry = post(body, "", 200);
        assertThat(dry.getBoolean("committed")).isFalse();
        assertThat(dry.getString("charset")).isEqualTo(charset.name());
        assertThat(dry.getList("columns")).containsExactly("name", "phone", "area", "language", "tags");
        assertThat(dry.getLong("rowsRead")).isEqualTo(15);
        assertThat(dry.getLong("accepted")).isEqualTo(6);
        assertThat(dry.getLong("rejected")).isEqualTo(9);
        assertThat(dry.getLong("inserted")).isEqualTo(5);
        assertThat(dry.getLong("skipped")).isEqualTo(1);
        assertThat(dry.getLong("keptOptedOut")).isEqualTo(1);
        assertThat(dry.getList("rows.row", Integer.class))
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(row(dry, 2))
                .containsEntry("status", "accepted")
                .containsEntry("action", "insert")
                .containsEntry("phone", p1);
        assertThat(row(dry, 3)).containsEntry("action", "insert").containsEntry("phone", p2);
        assertThat(row(dry, 4)).containsEntry("status", "rejected");
        assertThat((String) row(dry, 4).get("reason")).contains("'12345'");
        assertThat((String) row(dry, 5).get("reason")).contains("unknown area '资阳区" + run + "/不存在村'");
        assertThat((String) row(dry, 6).get("reason")).isEqualTo("duplicate phone: same number as row 2");
        assertThat(row(dry, 7)).containsEntry("status", "accepted").containsEntry("action", "skip");
        assertThat((String) row(dry, 7).get("note")).contains("already in the database");
        assertThat(row(dry, 8))
                .containsEntry("action", "insert")
                .containsEntry("note", "number is on the opt-out list and stays opted out");
        assertThat((String) row(dry, 9).get("reason"))
                .contains("ambiguous")
                .contains(v1)
                .contains(v3);
        assertThat((String) row(dry, 10).get("reason")).contains("language 'fr' is not supported");
        assertThat((String) row(dry, 11).get("reason")).contains("tag 'bad tag!' is invalid");
        assertThat((String) row(dry, 12).get("reason")).contains("not a mobile number");
        assertThat(row(dry, 13)).containsEntry("reason", "empty row");
        assertThat(row(dry, 14)).containsEntry("action", "insert");
        assertThat(row(dry, 15)).containsEntry("action", "insert").containsEntry("phone", p9);
        assertThat((String) row(dry, 16).get("reason")).contains("row has 6 cells but the header has 5");
        assertThat(stored(p1)).as("a dry run writes nothing").isEmpty();

        JsonPath done = post(body, "?commit=true", 200);
        assertThat(done.getBoolean("committed")).isTrue();
        assertThat(done.getLong("inserted")).isEqualTo(5);
        assertThat(stored(p1))
                .contains(
                        new Stored("张三", "zh-CN", Consent.SUBSCRIBED, Set.of(v1), Set.of("elderly", "market-vendor")));
        assertThat(stored(p2)).contains(new Stored("李四", "en", Consent.SUBSCRIBED, Set.of(v2), Set.of()));
        assertThat(stored(p8)).contains(new Stored("陈三", "en", Consent.SUBSCRIBED, Set.of(v1, v2), Set.of("a", "b")));
        assertThat(stored(p9).map(Stored::name)).contains("褚四");
        assertThat(stored(suppressed)).contains(new Stored("周九", "zh-CN", Consent.OPTED_OUT, Set.of(v1), Set.of()));
        assertThat(stored(existing))
                .as("duplicates=skip leaves the resident alone")
                .contains(new Stored(
                        "Test " + existing.substring(existing.length() - 4),
                        "zh-CN",
                        Consent.SUBSCRIBED,
                        Set.of(v2),
                        Set.of("old")));
        operator().queryParam("area", root).get("/api/residents").then().body("total", equalTo(6));

        JsonPath again = post(body, "?commit=true", 200);
        assertThat(again.getLong("inserted"))
                .as("a second commit finds every number")
                .isZero();
        assertThat(again.getLong("skipped")).isEqualTo(6);
    }

    @Test
    void dirtyUtf8FileWithBomGetsARowByRowReportAndCommitWritesOnlyTheGoodRows() {
        importDirtyFile(StandardCharsets.UTF_8, true);
    }

    @Test
    void dirtyGbkFileIsDetectedAndImportedTheSameWay() {
        importDirtyFile(CsvInput.GBK, false);
    }

    @Test
    void duplicatesUpdateReplacesAreasAndTagsButAnOptedOutNumberStaysOptedOut() {
        String phone = AudienceFixtures.phone();
        fx.resident(phone, List.of(v2), List.of("old"), null, false);
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(phone, "sms-keyword", "test"));
        String csv = "name,phone,area,language,tags\n新名字," + phone + "," + v1 + ",en,vendor\n";
        JsonPath report = post(bytes(csv, StandardCharsets.UTF_8, false), "?commit=true&duplicates=update", 200);
        assertThat(report.getLong("updated")).isEqualTo(1);
        assertThat(row(report, 2)).containsEntry("action", "update");
        assertThat((String) row(report, 2).get("note")).contains("stays opted out");
        assertThat(stored(phone)).contains(new Stored("新名字", "en", Consent.OPTED_OUT, Set.of(v1), Set.of("vendor")));
    }

    @Test
    void reimportingAnOptedOutNumberKeepsTheOriginalOptOutTimeAndChannel() {
        String phone = AudienceFixtures.phone();
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(phone, "sms-keyword", "test"));
        Instant optedOutAt =
                QuarkusTransaction.requiringNew().call(() -> Suppression.<Suppression>findById(phone).createdAt);
        clock.advance(Duration.ofDays(3));
        try {
            String csv = "name,phone,area\n周九," + phone + "," + v1 + "\n";
            assertThat(post(bytes(csv, StandardCharsets.UTF_8, false), "?commit=true", 200)
                            .getLong("inserted"))
                    .isEqualTo(1);
        } finally {
            clock.reset();
        }
        Resident r = QuarkusTransaction.requiringNew()
                .call(() -> Resident.findByPhone(phone).orElseThrow());
        assertThat(r.consent).isEqualTo(Consent.OPTED_OUT);
        assertThat(r.consentAt).as("the opt-out time, not the import time").isEqualTo(optedOutAt);
        assertThat(r.consentChannel).isEqualTo("sms-keyword");
    }

    @Test
    void missingRequiredColumnIsA400NamingIt() {
        operator()
                .contentType("text/csv")
                .body("name,电话号码x,区域\n张三,13900000000," + v1 + "\n")
                .post("/api/residents/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("phone"))
                .body("detail", containsString("no 'phone' column"));
        operator()
                .contentType("text/csv")
                .body("name,phone\n张三,13900000000\n")
                .post("/api/residents/import")
                .then()
                .statusCode(400)
                .body("field", equalTo("area"));
    }

    @Test
    void emptyFileIsA400() {
        operator()
                .contentType("text/csv")
                .body(new byte[0])
                .post("/api/residents/import")
                .then()
                .statusCode(400)
                .body("field", equalTo("file"))
                .body("detail", containsString("empty"));
        operator()
                .contentType("text/csv")
                .body("\n\n")
                .post("/api/residents/import")
                .then()
                .statusCode(400)
                .body("field", equalTo("file"));
    }

    @Test
    void aFiveMegabyteLineIsOneRejectedRowAndTheRestStillImports() {
        String before = AudienceFixtures.phone();
        String after = AudienceFixtures.phone();
        StringBuilder csv = new StringBuilder("name,phone,area\n");
        csv.append("a,").append(before).append(',').append(v1).append('\n');
        csv.append("x".repeat(5 * 1024 * 1024))
                .append(',')
                .append(AudienceFixtures.phone())
                .append(',')
                .append(v1)
                .append('\n');
        csv.append("b,").append(after).append(',').append(v1).append('\n');
        JsonPath report = post(csv.toString().getBytes(StandardCharsets.UTF_8), "?commit=true", 200);
        assertThat(report.getLong("accepted")).isEqualTo(2);
        assertThat((String) row(report, 3).get("reason")).contains("longer than 4096 characters");
        assertThat(stored(after)).isPresent();
    }

    @Test
    void gbkBytesReadAsUtf8AreRejectedRowByRowWithAHint() {
        String ascii = AudienceFixtures.phone();
        String csv = "name,phone,area\nWang," + ascii + "," + v1 + "\n王五," + AudienceFixtures.phone() + "," + v1 + "\n";
        JsonPath report = post(bytes(csv, CsvInput.GBK, false), "?charset=UTF-8", 200);
        assertThat(report.getString("charset")).isEqualTo("UTF-8");
        assertThat(row(report, 2)).containsEntry("status", "accepted");
        assertThat((String) row(report, 3).get("reason"))
                .contains("not valid UTF-8")
                .contains("charset=GBK");
    }

    @Test
    void unreadableCsvIsReportedInTheDryRunAndACommitWritesNothing() {
        String good = AudienceFixtures.phone();
        String csv =
                "name,phone,area\ngood," + good + "," + v1 + "\n\"broken," + AudienceFixtures.phone() + "," + v1 + "\n";
        byte[] body = bytes(csv, StandardCharsets.UTF_8, false);
        JsonPath dry = post(body, "", 200);
        assertThat(row(dry, 2)).containsEntry("status", "accepted");
        assertThat((String) row(dry, 3).get("reason")).contains("cannot be read");
        operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import?commit=true")
                .then()
                .statusCode(400)
                .body("detail", containsString("nothing was written"));
        assertThat(stored(good)).isEmpty();
    }

    @Test
    void multipartUploadImportsTheFilePart() {
        String phone = AudienceFixtures.phone();
        operator()
                .multiPart(
                        "file",
                        "residents.csv",
                        ("phone,area\n" + phone + "," + v1 + "\n").getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post("/api/residents/import?commit=true")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(1));
        assertThat(stored(phone)).isPresent();
    }

    @Test
    void largeReportsListRejectedRowsAndOnlyTheFirstAcceptedOnes() {
        StringBuilder csv = new StringBuilder("phone,area\n");
        for (int i = 0; i < 150; i++) {
            csv.append(AudienceFixtures.phone()).append(',').append(v1).append('\n');
        }
        csv.append("bad,").append(v1).append('\n');
        JsonPath report = post(csv.toString().getBytes(StandardCharsets.UTF_8), "", 200);
        assertThat(report.getLong("accepted")).isEqualTo(150);
        assertThat(report.getLong("rowsOmitted")).isEqualTo(50);
        assertThat(report.getList("rows")).hasSize(101);
        assertThat(row(report, 152)).containsEntry("status", "rejected");
    }

    @Test
    void badParametersAndRolesAreRefused() {
        byte[] body = ("phone,area\n" + AudienceFixtures.phone() + "," + v1 + "\n").getBytes(StandardCharsets.UTF_8);
        operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import?duplicates=maybe")
                .then()
                .statusCode(400)
                .body("field", equalTo("duplicates"));
        operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import?commit=yes")
                .then()
                .statusCode(400)
                .body("field", equalTo("commit"));
        operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import?charset=klingon")
                .then()
                .statusCode(400)
                .body("field", equalTo("charset"));
        operator()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import?charset=IBM037")
                .then()
                .statusCode(400)
                .body("field", equalTo("charset"));
        approver()
                .contentType("text/csv")
                .body(body)
                .post("/api/residents/import")
                .then()
                .statusCode(403)
                .body("field", nullValue());
    }
}
