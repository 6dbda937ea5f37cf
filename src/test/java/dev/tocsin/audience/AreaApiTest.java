package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.approver;
import static dev.tocsin.audience.AudienceFixtures.operator;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AreaApiTest {

    @Inject
    AudienceFixtures fx;

    String run;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
    }

    private void create(String code, String name, String kind, String parent) {
        admin().contentType(ContentType.JSON)
                .body(
                        parent == null
                                ? Map.of("code", code, "name", name, "kind", kind)
                                : Map.of("code", code, "name", name, "kind", kind, "parentCode", parent))
                .post("/api/areas")
                .then()
                .statusCode(201);
    }

    @Test
    void adminBuildsATreeThatEveryStaffRoleCanRead() {
        create("D" + run, "区" + run, "district", null);
        create("T" + run, "镇" + run, "town", "D" + run);
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "V" + run,
                        "name",
                        "村" + run,
                        "kind",
                        "village",
                        "parentCode",
                        "T" + run,
                        "centroidLat",
                        28.6,
                        "centroidLon",
                        112.3,
                        "polygon",
                        "28.5,112.2  28.7,112.2 28.7,112.4 28.5,112.2"))
                .post("/api/areas")
                .then()
                .statusCode(201)
                .body("polygon", equalTo("28.5,112.2 28.7,112.2 28.7,112.4 28.5,112.2"))
                .body("parentCode", equalTo("T" + run));

        approver()
                .queryParam("parentCode", "D" + run)
                .get("/api/areas")
                .then()
                .statusCode(200)
                .body("code", equalTo(List.of("T" + run)));
        operator()
                .queryParam("view", "tree")
                .get("/api/areas")
                .then()
                .statusCode(200)
                .body("find { it.code == 'D" + run + "' }.children[0].children[0].code", equalTo("V" + run));
        fx.resident(AudienceFixtures.phone(), List.of("V" + run), List.of(), null, false);
        fx.terminal("V" + run, true, false);
        operator()
                .get("/api/areas/D" + run)
                .then()
                .statusCode(200)
                .body("residents", equalTo(1))
                .body("terminals", equalTo(1))
                .body("children", equalTo(1))
                .body("area.kind", equalTo("district"));
        operator()
                .get("/api/areas/V" + run)
                .then()
                .statusCode(200)
                .body("ancestors", equalTo(List.of("D" + run, "T" + run)));
    }

    @Test
    void onlyAdminsChangeTheTree() {
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("code", "X" + run, "name", "x", "kind", "village"))
                .post("/api/areas")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        approver().delete("/api/areas/X" + run).then().statusCode(403);
    }

    @Test
    void badCodesCentroidsAndPolygonsAreRefusedNamingTheField() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "4309021002", "name", "x", "kind", "village"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("code"))
                .body("detail", containsString("12-digit"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "bad code!", "name", "x", "kind", "village"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("code"));
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code", "C" + run, "name", "x", "kind", "village", "centroidLat", 91.0, "centroidLon", 1.0))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("centroidLat"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "C" + run, "name", "x", "kind", "village", "centroidLat", 10.0))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("centroidLon"));
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "C" + run,
                        "name",
                        "x",
                        "kind",
                        "village",
                        "polygon",
                        "28.5,112.2 28.7,112.2 28.7,112.4 28.6,112.2"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("polygon"))
                .body("detail", containsString("not closed"));
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "C" + run,
                        "name",
                        "x",
                        "kind",
                        "village",
                        "polygon",
                        "28.5,112.2 28.7,112.2 28.5,112.2"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("detail", containsString("at least 4 points"));
        admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        "C" + run,
                        "name",
                        "x",
                        "kind",
                        "village",
                        "polygon",
                        "95,112.2 28.7,112.2 28.7,181 95,112.2"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("detail", containsString("out of range"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "C" + run, "name", "x", "kind", "hamlet"))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("kind"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "C" + run, "name", "x", "kind", "village", "parentCode", "NOPE" + run))
                .post("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("parentCode"));
        operator().get("/api/areas/C" + run).then().statusCode(404);
    }

    @Test
    void duplicateCodeIsAConflict() {
        create("K" + run, "k", "village", null);
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", "K" + run, "name", "k2", "kind", "village"))
                .post("/api/areas")
                .then()
                .statusCode(409)
                .body("field", equalTo("code"));
    }

    @Test
    void updateReplacesNameKindAndGeometry() {
        create("U" + run, "old", "village", null);
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "new", "kind", "community", "centroidLat", 28.1, "centroidLon", 112.1))
                .put("/api/areas/U" + run)
                .then()
                .statusCode(200)
                .body("name", equalTo("new"))
                .body("kind", equalTo("community"));
        operator().get("/api/areas/U" + run).then().body("area.centroidLat", equalTo(28.1f));
    }

    @Test
    void movingASubtreeKeepsEveryPathConsistent() {
        create("A" + run, "A", "district", null);
        create("B" + run, "B", "district", null);
        create("T" + run, "T", "town", "A" + run);
        create("V" + run, "V", "village", "T" + run);
        admin().contentType(ContentType.JSON)
                .body(Map.of("parentCode", "B" + run))
                .post("/api/areas/T" + run + "/move")
                .then()
                .statusCode(200)
                .body("parentCode", equalTo("B" + run));

        // The village two levels down moved along: targeting B now reaches its resident, A does not.
        fx.resident(AudienceFixtures.phone(), List.of("V" + run), List.of(), null, false);
        operator().get("/api/areas/B" + run).then().body("residents", equalTo(1));
        operator().get("/api/areas/A" + run).then().body("residents", equalTo(0));
        operator().get("/api/areas/V" + run).then().body("ancestors", equalTo(List.of("B" + run, "T" + run)));
        operator().queryParam("parentCode", "B" + run).get("/api/areas").then().body("code", hasItems("T" + run));
        Area v = Area.findByCode("V" + run).orElseThrow();
        Area b = Area.findByCode("B" + run).orElseThrow();
        assertThat(v.path).startsWith(b.path);
    }

    @Test
    void movingUnderItselfOrADescendantIsRefused() {
        create("A" + run, "A", "district", null);
        create("T" + run, "T", "town", "A" + run);
        admin().contentType(ContentType.JSON)
                .body(Map.of("parentCode", "T" + run))
                .post("/api/areas/A" + run + "/move")
                .then()
                .statusCode(409)
                .body("detail", containsString("descendants"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("parentCode", "A" + run))
                .post("/api/areas/A" + run + "/move")
                .then()
                .statusCode(409);
    }

    @Test
    void movingOrDeletingAnAreaWithResidentsOrTerminalsIsRefusedWithTheReason() {
        create("A" + run, "A", "district", null);
        create("B" + run, "B", "district", null);
        create("T" + run, "T", "town", "A" + run);
        create("V" + run, "V", "village", "T" + run);
        create("W" + run, "W", "village", "T" + run);
        fx.resident(AudienceFixtures.phone(), List.of("V" + run), List.of(), null, false);
        fx.terminal("W" + run, true, false);

        admin().contentType(ContentType.JSON)
                .body(Map.of("parentCode", "B" + run))
                .post("/api/areas/T" + run + "/move")
                .then()
                .statusCode(409)
                .body("detail", containsString("1 residents"))
                .body("detail", containsString("1 terminals"));
        admin().delete("/api/areas/V" + run).then().statusCode(409).body("detail", containsString("1 residents"));
        admin().delete("/api/areas/W" + run).then().statusCode(409).body("detail", containsString("1 terminals"));
        admin().delete("/api/areas/T" + run).then().statusCode(409).body("detail", containsString("child area"));
        operator().get("/api/areas/T" + run).then().statusCode(200);
    }

    @Test
    void anEmptyLeafCanBeDeleted() {
        create("A" + run, "A", "district", null);
        create("V" + run, "V", "village", "A" + run);
        admin().delete("/api/areas/V" + run).then().statusCode(204);
        operator().get("/api/areas/V" + run).then().statusCode(404);
        operator().queryParam("parentCode", "A" + run).get("/api/areas").then().body("$", hasSize(0));
    }

    @Test
    void unknownViewIsABadRequest() {
        operator()
                .queryParam("view", "graph")
                .get("/api/areas")
                .then()
                .statusCode(400)
                .body("field", equalTo("view"));
    }
}
