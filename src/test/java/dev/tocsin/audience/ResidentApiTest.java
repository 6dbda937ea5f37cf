package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.approver;
import static dev.tocsin.audience.AudienceFixtures.operator;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResidentApiTest {

    @Inject
    AudienceFixtures fx;

    @Inject
    OptOutService optOut;

    String run;
    String town;
    String village;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
        town = fx.area("T" + run, "镇" + run, AreaKind.TOWN, null);
        village = fx.area("V" + run, "村" + run, AreaKind.VILLAGE, town);
    }

    private Map<String, Object> body(String phone, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("phone", phone, "areas", List.of(village)));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void phoneWrittenTheLocalWayIsStoredAsE164() {
        String e164 = AudienceFixtures.phone();
        String local = e164.substring(3, 6) + " " + e164.substring(6, 10) + "-" + e164.substring(10);
        operator()
                .contentType(ContentType.JSON)
                .body(body(local, "name", " 张三 ", "tags", List.of("Elderly", "market vendor"), "language", "en"))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("phone", equalTo(e164))
                .body("name", equalTo("张三"))
                .body("language", equalTo("en"))
                .body("tags", equalTo(List.of("elderly", "market-vendor")))
                .body("consent", equalTo("subscribed"))
                .body("areas", equalTo(List.of(village)))
                .body("masked", equalTo(false));
    }

    @Test
    void languageDefaultsAndIsMatchedToTheSupportedSpelling() {
        operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone()))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("language", equalTo("zh-CN"));
        operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone(), "language", "zh_cn"))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("language", equalTo("zh-CN"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        operator()
                .contentType(ContentType.JSON)
                .body(body("12345"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("phone"));
        // A Beijing fixed line: valid number, but SMS cannot reach it.
        operator()
                .contentType(ContentType.JSON)
                .body(body("010 6552 9988"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("phone"))
                .body("detail", containsString("not a mobile number"));
        operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone(), "language", "fr"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("language"))
                .body("detail", containsString("zh-CN, en"));
        operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone(), "tags", List.of("bad tag!")))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("tags"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", AudienceFixtures.phone(), "areas", List.of("NOPE" + run)))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("areas"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", AudienceFixtures.phone(), "areas", List.of()))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("areas"));
        operator()
                .queryParam("size", "lots")
                .get("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("size"));
    }

    @Test
    void aPhoneNumberBelongsToOneResident() {
        String phone = AudienceFixtures.phone();
        operator()
                .contentType(ContentType.JSON)
                .body(body(phone))
                .post("/api/residents")
                .then()
                .statusCode(201);
        operator()
                .contentType(ContentType.JSON)
                .body(body(phone.substring(3)))
                .post("/api/residents")
                .then()
                .statusCode(409)
                .body("field", equalTo("phone"));
    }

    @Test
    void approverSeesMaskedPersonalDataAndCannotChangeResidents() {
        String mine = AudienceFixtures.phone();
        long id = fx.resident(mine, List.of(village), List.of(), null, false).id();
        approver()
                .get("/api/residents/" + id)
                .then()
                .statusCode(200)
                .body("masked", equalTo(true))
                .body("phone", equalTo(mine.substring(0, 6) + "****" + mine.substring(10)))
                .body("name", equalTo("T********"));
        operator()
                .get("/api/residents/" + id)
                .then()
                .body("phone", equalTo(mine))
                .body("masked", equalTo(false));
        approver()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone()))
                .post("/api/residents")
                .then()
                .statusCode(403);
        approver().post("/api/residents/" + id + "/opt-out").then().statusCode(403);
        assertThat(PhoneNumbers.mask("+8613912340001")).isEqualTo("+86139****0001");
    }

    @Test
    void searchFindsByAreaIncludingDescendantsByTagByPhoneAndByNameWithPaging() {
        String other = fx.area("O" + run, "别村" + run, AreaKind.VILLAGE, town);
        String p1 = AudienceFixtures.phone();
        String p2 = AudienceFixtures.phone();
        String p3 = AudienceFixtures.phone();
        fx.resident(p1, List.of(village), List.of("elderly"), null, false);
        fx.resident(p2, List.of(other), List.of("vendor"), null, false);
        fx.resident(p3, List.of(village, other), List.of("elderly", "vendor"), null, false);

        operator()
                .queryParam("area", town)
                .get("/api/residents")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        operator().queryParam("area", village).get("/api/residents").then().body("total", equalTo(2));
        operator()
                .queryParam("area", town)
                .queryParam("tag", "Elderly")
                .get("/api/residents")
                .then()
                .body("total", equalTo(2));
        operator()
                .queryParam("area", town)
                .queryParam("size", "2")
                .queryParam("page", "1")
                .get("/api/residents")
                .then()
                .body("total", equalTo(3))
                .body("items.size()", equalTo(1))
                .body("page", equalTo(1));
        operator()
                .queryParam("phone", p2.substring(5))
                .get("/api/residents")
                .then()
                .body("items[0].phone", equalTo(p2));
        operator()
                .queryParam("area", town)
                .queryParam("name", "test " + p3.substring(p3.length() - 4))
                .get("/api/residents")
                .then()
                .body("items.phone", equalTo(List.of(p3)));
        operator()
                .queryParam("area", "NOPE" + run)
                .get("/api/residents")
                .then()
                .statusCode(400)
                .body("field", equalTo("area"));
    }

    @Test
    void updateReplacesAreasTagsAndLanguage() {
        long id = fx.resident(AudienceFixtures.phone(), List.of(village), List.of("elderly"), null, false)
                .id();
        String newPhone = AudienceFixtures.phone();
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "phone",
                        newPhone,
                        "areas",
                        List.of(town),
                        "tags",
                        List.of("vendor"),
                        "language",
                        "en",
                        "testRecipient",
                        true))
                .put("/api/residents/" + id)
                .then()
                .statusCode(200)
                .body("phone", equalTo(newPhone))
                .body("areas", equalTo(List.of(town)))
                .body("tags", equalTo(List.of("vendor")))
                .body("language", equalTo("en"))
                .body("testRecipient", equalTo(true));
        operator()
                .contentType(ContentType.JSON)
                .body(body(AudienceFixtures.phone()))
                .put("/api/residents/999999999")
                .then()
                .statusCode(404);
    }

    @Test
    void staffOptOutPutsTheNumberOnTheListAndOptInTakesItOff() {
        String phone = AudienceFixtures.phone();
        long id = fx.resident(phone, List.of(village), List.of(), null, false).id();
        operator()
                .post("/api/residents/" + id + "/opt-out")
                .then()
                .statusCode(200)
                .body("consent", equalTo("opted-out"))
                .body("consentChannel", equalTo("console"))
                .body("consentAt", notNullValue());
        assertThat(suppressed(phone)).isTrue();
        admin().get("/api/audit?subject=phone:" + phone).then().statusCode(200);
        operator()
                .post("/api/residents/" + id + "/opt-in")
                .then()
                .statusCode(200)
                .body("consent", equalTo("subscribed"));
        assertThat(suppressed(phone)).isFalse();
    }

    @Test
    void anOptedOutNumberStaysOptedOutAfterDeleteAndRecreate() {
        String phone = AudienceFixtures.phone();
        long id = fx.resident(phone, List.of(village), List.of(), null, false).id();
        operator().post("/api/residents/" + id + "/opt-out").then().statusCode(200);
        operator().delete("/api/residents/" + id).then().statusCode(204);
        operator().get("/api/residents/" + id).then().statusCode(404);
        operator()
                .contentType(ContentType.JSON)
                .body(body(phone))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("consent", equalTo("opted-out"));
    }

    /** Read in a transaction of its own, as the next request would, not from this thread's session. */
    private boolean suppressed(String phone) {
        return QuarkusTransaction.requiringNew().call(() -> optOut.isSuppressed(phone));
    }

    @Test
    void settingsShowThatUrgentAlertsDoNotOverrideOptOutByDefault() {
        approver()
                .get("/api/audience/settings")
                .then()
                .statusCode(200)
                .body("urgentOverridesOptOut", equalTo(false))
                .body("defaultRegion", equalTo("CN"))
                // The test profile adds Uyghur (no template has it; see BroadcastLanguagesTest).
                .body("supportedLanguages", equalTo(List.of("zh-CN", "en", "ug")));
    }
}
