package dev.tocsin.console;

import static dev.tocsin.audience.AudienceFixtures.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The residents page shows and changes who prefers a voice call, in English and Chinese. */
@QuarkusTest
class ConsoleResidentCallHttpTest {

    @Inject
    AudienceFixtures audience;

    private String village;
    private Map<String, String> operatorSession;

    @BeforeEach
    void setUp() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        village = audience.area("CV" + run, "石桥村" + run, AreaKind.VILLAGE, null);
        operatorSession = ConsoleHttpTest.login(AudienceFixtures.OPERATOR, AudienceFixtures.PASSWORD);
    }

    private boolean prefersCall(int id) {
        return operator()
                .get("/api/residents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("prefersCall");
    }

    @Test
    void operatorTicksAndUnticksThePreferenceAndThePageShowsIt() {
        String phone = AudienceFixtures.phone();
        int id = operator()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "areas", List.of(village)))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String path = "/console/residents?phone=" + phone.substring(1);

        ConsoleForms page = ConsoleForms.open(operatorSession, path);
        String html = page.page().asString();
        assertThat(html).contains("Voice call").contains("action=\"/console/residents/" + id + "/call-preference\"");
        assertThat(html).doesNotContain("name=\"prefersCall\" value=\"true\" checked");

        var ticked = page.post()
                .formParam("prefersCall", "true")
                .formParam("back", path)
                .post("/console/residents/" + id + "/call-preference");
        assertThat(ticked.statusCode()).isEqualTo(303);
        assertThat(ticked.getHeader("Location")).contains("/console/residents?phone=");
        assertThat(prefersCall(id)).isTrue();

        ConsoleForms again = ConsoleForms.open(operatorSession, path);
        assertThat(again.page().asString()).contains("name=\"prefersCall\" value=\"true\" checked");

        String zh = given().cookies(operatorSession)
                .header("Accept-Language", "zh-CN")
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(zh).contains("语音呼叫");

        // An unticked box sends no field: the preference is off.
        again.post().formParam("back", path).post("/console/residents/" + id + "/call-preference");
        assertThat(prefersCall(id)).isFalse();
    }

    @Test
    void aPostWithoutTheCsrfFieldChangesNothing() {
        String phone = AudienceFixtures.phone();
        int id = operator()
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "areas", List.of(village)))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int status = given().redirects()
                .follow(false)
                .cookies(operatorSession)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("prefersCall", "true")
                .post("/console/residents/" + id + "/call-preference")
                .statusCode();
        assertThat(status).isBetween(400, 499);
        assertThat(prefersCall(id)).isFalse();
    }
}
