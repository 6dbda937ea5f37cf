package dev.tocsin.cap;

import static dev.tocsin.cap.CapFixtures.APPROVER;
import static dev.tocsin.cap.CapFixtures.OPERATOR;
import static dev.tocsin.cap.CapFixtures.as;
import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/** Every approved, updated and cancelled broadcast is published as schema-valid CAP 1.2. */
@QuarkusTest
class CapExportTest {

    static final String POLYGON = "28.60,112.30 28.60,112.35 28.55,112.35 28.55,112.30 28.60,112.30";

    @Inject
    CapFixtures fixtures;

    private String village;
    private String run;

    @BeforeEach
    void setUp() {
        fixtures.ensureUsers();
        run = AudienceFixtures.run();
        String town = fixtures.area("CT" + run, "Town " + run, AreaKind.TOWN, null, null);
        village = fixtures.area("CV" + run, "Qingshan " + run, AreaKind.VILLAGE, town, POLYGON);
    }

    private String coldWave(String channels, String status) {
        return """
                {"templateId":"cold-wave","language":"en","channels":%s,"priority":"routine","status":"%s",
                 "variables":{"area":"Qingshan","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(channels, status, village);
    }

    private static String document(String identifier) {
        return given().get("/cap/alerts/" + identifier + ".xml")
                .then()
                .statusCode(200)
                .contentType(containsString("application/cap+xml"))
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .extract()
                .asString();
    }

    private static CapAlert read(String xml) throws Exception {
        return CapXml.read(CapXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anApprovedBroadcastIsASchemaValidAlertWithOneInfoPerLanguageAudioAndArea() throws Exception {
        long id = BroadcastSteps.approved(
                () -> as(OPERATOR), () -> as(APPROVER), coldWave("[\"sms\",\"loudspeaker\"]", "exercise"));
        String xml = document("tocsin-b" + id);
        CapFixtures.assertSchemaValid(xml);
        CapAlert a = read(xml);
        assertThat(a.identifier()).isEqualTo("tocsin-b" + id);
        assertThat(a.status()).isEqualTo("Exercise");
        assertThat(a.msgType()).isEqualTo("Alert");
        assertThat(a.scope()).isEqualTo("Public");
        assertThat(a.references()).isNull();
        assertThat(a.sent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(a.infos()).extracting(CapAlert.Info::language).containsExactly("en", "zh-CN");
        CapAlert.Info en = a.infos().get(0);
        assertThat(en.categories()).containsExactly("Met");
        assertThat(en.event()).isEqualTo("Cold wave, freezing rain, icy roads");
        assertThat(en.severity()).isEqualTo("Severe");
        assertThat(en.urgency()).isEqualTo("Expected");
        assertThat(en.certainty()).isEqualTo("Likely");
        assertThat(CapTimes.parse(en.expires())).isAfter(CapTimes.parse(en.onset()));
        assertThat(en.headline()).contains("Qingshan " + run);
        assertThat(en.description()).contains("A cold wave with freezing rain reaches Qingshan");
        assertThat(en.instruction()).contains("Cold wave in Qingshan");
        assertThat(a.infos().get(1).description()).contains("寒潮冻雨");
        CapAlert.Area area = en.areas().get(0);
        assertThat(area.areaDesc()).isEqualTo("Qingshan " + run);
        assertThat(area.polygons()).containsExactly(POLYGON);
        assertThat(area.geocodes()).containsExactly(new CapAlert.Value("AdminCode", village));
        // The audio as terminals will play it, with the size and digest a consumer checks the
        // download against, even though nothing rendered it before approval.
        assertThat(en.resources()).hasSize(1);
        CapAlert.Resource audio = en.resources().get(0);
        assertThat(audio.mimeType()).isEqualTo("audio/mpeg");
        assertThat(audio.uri()).startsWith("http://localhost").endsWith(".mp3");
        String path = audio.uri().replaceFirst("^https?://[^/]+", "");
        byte[] mp3 = awaitAudio(path);
        assertThat(audio.size()).isEqualTo((long) mp3.length);
        assertThat(audio.digest()).isEqualTo(CapExporter.sha1(mp3));
        assertThat(xml).contains("<size>" + mp3.length + "</size>").contains("<digest>" + audio.digest() + "</digest>");
        // Once stored, a broadcast with the same programme states its size and SHA-1.
        long again = BroadcastSteps.approved(
                () -> as(OPERATOR), () -> as(APPROVER), coldWave("[\"sms\",\"loudspeaker\"]", "exercise"));
        CapAlert.Resource same =
                read(document("tocsin-b" + again)).infos().get(0).resources().get(0);
        assertThat(same.uri()).isEqualTo(audio.uri());
        assertThat(same.size()).isEqualTo((long) mp3.length);
        assertThat(same.digest()).isEqualTo(CapExporter.sha1(mp3));
    }

    private static byte[] awaitAudio(String path) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (true) {
            Response r = given().get(path);
            if (r.statusCode() == 200) {
                return r.asByteArray();
            }
            assertThat(System.nanoTime())
                    .as("audio at %s never became available", path)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void updateAndCancelReferenceWhatTheyReplaceAndTheFeedListsThemInsteadOfWhatTheyReplace() throws Exception {
        long first = BroadcastSteps.approved(() -> as(OPERATOR), () -> as(APPROVER), coldWave("[\"sms\"]", "actual"));
        CapAlert original = read(document("tocsin-b" + first));
        long update = as(OPERATOR)
                .body(coldWave("[\"sms\"]", "actual"))
                .post("/api/broadcasts/" + first + "/update")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        as(APPROVER).post("/api/broadcasts/" + update + "/approve").then().statusCode(200);
        String updateXml = document("tocsin-b" + update);
        CapFixtures.assertSchemaValid(updateXml);
        CapAlert u = read(updateXml);
        assertThat(u.msgType()).isEqualTo("Update");
        assertThat(u.references()).isEqualTo(original.sender() + ",tocsin-b" + first + "," + original.sent());

        String feed = given().get("/cap/feed.atom")
                .then()
                .statusCode(200)
                .contentType(containsString("application/atom+xml"))
                .header("Cache-Control", containsString("max-age"))
                .extract()
                .asString();
        assertThat(feed).contains("/cap/alerts/tocsin-b" + update + ".xml").doesNotContain("tocsin-b" + first + ".xml");
        Response r = given().get("/cap/feed.atom");
        String etag = r.header("ETag");
        given().header("If-None-Match", etag).get("/cap/feed.atom").then().statusCode(304);

        as(OPERATOR)
                .body("{\"comment\":\"cold wave downgraded\"}")
                .post("/api/broadcasts/" + update + "/cancel")
                .then()
                .statusCode(200);
        String cancelXml = document("tocsin-b" + update + "-cancel");
        CapFixtures.assertSchemaValid(cancelXml);
        CapAlert c = read(cancelXml);
        assertThat(c.msgType()).isEqualTo("Cancel");
        assertThat(c.references()).isEqualTo(u.sender() + ",tocsin-b" + update + "," + u.sent());
        given().header("If-None-Match", etag).get("/cap/feed.atom").then().statusCode(200);
        // Aggregators polling the feed see the Cancel, which replaces the Update it retracts.
        assertThat(given().get("/cap/feed.atom").asString())
                .contains("/cap/alerts/tocsin-b" + update + "-cancel.xml")
                .doesNotContain("/cap/alerts/tocsin-b" + update + ".xml");
        // The stored document does not change when fetched again.
        assertThat(document("tocsin-b" + update)).isEqualTo(updateXml);
    }

    @Test
    void publishedAlertAndItsCancelRoundTripThroughIngest() {
        long id = BroadcastSteps.approved(() -> as(OPERATOR), () -> as(APPROVER), coldWave("[\"sms\"]", "actual"));
        String alert = document("tocsin-b" + id);
        long received = admin().contentType("application/cap+xml")
                .body(alert.getBytes(StandardCharsets.UTF_8))
                .post("/api/cap/ingest")
                .then()
                .statusCode(201)
                .body("msgType", equalTo("Alert"))
                .body("event", equalTo("Cold wave, freezing rain, icy roads"))
                .extract()
                .jsonPath()
                .getLong("id");
        as(OPERATOR).post("/api/broadcasts/" + id + "/cancel").then().statusCode(200);
        String cancel = document("tocsin-b" + id + "-cancel");
        admin().contentType("application/cap+xml")
                .body(cancel.getBytes(StandardCharsets.UTF_8))
                .post("/api/cap/ingest")
                .then()
                .statusCode(201)
                .body("msgType", equalTo("Cancel"))
                .body("referencedIds[0]", equalTo((int) received));
    }

    @Test
    void aDraftIsNeverPublishedAndUnknownIdentifiersAre404() {
        long id = as(OPERATOR)
                .body(coldWave("[\"sms\"]", "test"))
                .post("/api/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        given().get("/cap/alerts/tocsin-b" + id + ".xml")
                .then()
                .statusCode(404)
                .contentType(containsString("problem+json"));
        as(OPERATOR).post("/api/broadcasts/" + id + "/cancel").then().statusCode(200);
        given().get("/cap/alerts/tocsin-b" + id + "-cancel.xml").then().statusCode(404);
    }

    @Test
    void theValidatorUsedByTheseTestsRejectsAnInvalidDocument() {
        String bad = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>";
        assertThatThrownBy(() -> CapFixtures.assertSchemaValid(bad)).isInstanceOf(SAXException.class);
        List.of();
    }
}
