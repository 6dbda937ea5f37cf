package dev.tocsin.cap;

import static dev.tocsin.cap.CapFixtures.APPROVER;
import static dev.tocsin.cap.CapFixtures.OPERATOR;
import static dev.tocsin.cap.CapFixtures.PASSWORD;
import static dev.tocsin.cap.CapFixtures.as;
import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.broadcast.Broadcast;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /console/cap: open withdrawal proposals are accepted or dismissed with CSRF-protected forms. */
@QuarkusTest
class CapConsoleProposalTest {

    static final String CSRF_COOKIE = "tocsin-csrf";

    @Inject
    CapFixtures fixtures;

    @Inject
    Clock clock;

    private static JsonPath ingest(String xml) {
        return admin().contentType("application/cap+xml")
                .body(xml.getBytes(StandardCharsets.UTF_8))
                .post("/api/cap/ingest")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static Map<String, String> login(String user) {
        Response r = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user)
                .formParam("j_password", PASSWORD)
                .post("/console/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).doesNotContain("error");
        return r.getCookies();
    }

    /** An upstream alert that drafts a broadcast, then its Cancel: returns {proposal id, broadcast id}. */
    private long[] proposal(String district, String village, long ruleId) {
        String identifier = CapSamples.id();
        Instant sent = clock.instant().minusSeconds(60);
        JsonPath alert = ingest(CapSamples.coldWave(CapSamples.SENDER, identifier, sent, village, null));
        long broadcast = alert.getLong("triggers.find { it.ruleId == " + ruleId + " }.broadcastId");
        JsonPath cancel = ingest(CapSamples.cancel(
                CapSamples.SENDER,
                CapSamples.id(),
                clock.instant(),
                CapSamples.SENDER + "," + identifier + "," + CapSamples.time(sent)));
        return new long[] {cancel.getLong("triggers[0].id"), broadcast};
    }

    private static CapTrigger.State state(long id) {
        return QuarkusTransaction.requiringNew().call(() -> CapTrigger.<CapTrigger>findById(id).state);
    }

    private static dev.tocsin.broadcast.BroadcastStatus broadcastStatus(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).status);
    }

    @Test
    void approversAcceptOrDismissProposalsFromTheConsoleAndWithoutCsrfNothingHappens() {
        fixtures.ensureUsers();
        String run = AudienceFixtures.run();
        String district = fixtures.area("CD" + run, "资阳" + run, AreaKind.DISTRICT, null, CapExportTest.POLYGON);
        String village = fixtures.area("CV" + run, "青山村" + run, AreaKind.VILLAGE, district, null);
        long ruleId = as(OPERATOR)
                .body("""
                {"name":"console %s","match":{"events":["寒潮"],"areaCodes":["%s"]},
                 "draft":{"templateId":"cold-wave","language":"zh-CN","channels":["sms"],
                  "variables":{"area":"areaNames","period":"period","lowTemperature":"parameter:minTemperature|-2"}}}""".formatted(run, district))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        long[] toAccept = proposal(district, village, ruleId);
        long[] toDismiss = proposal(district, village, ruleId);

        Map<String, String> session = login(APPROVER);
        Response page = given().cookies(session).get("/console/cap");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString())
                .contains("action=\"/console/cap/proposals/" + toAccept[0] + "/accept\"")
                .contains("action=\"/console/cap/proposals/" + toDismiss[0] + "/dismiss\"");
        String csrf = page.getCookie(CSRF_COOKIE);

        given().redirects()
                .follow(false)
                .cookies(session)
                .contentType("application/x-www-form-urlencoded")
                .post("/console/cap/proposals/" + toAccept[0] + "/accept")
                .then()
                .statusCode(403);
        assertThat(state(toAccept[0])).isEqualTo(CapTrigger.State.PROPOSED);

        String location = given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .post("/console/cap/proposals/" + toAccept[0] + "/accept")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(location).contains("done=accepted");
        assertThat(state(toAccept[0])).isEqualTo(CapTrigger.State.ACCEPTED);
        assertThat(broadcastStatus(toAccept[1])).isEqualTo(dev.tocsin.broadcast.BroadcastStatus.CANCELLED);

        given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .post("/console/cap/proposals/" + toDismiss[0] + "/dismiss")
                .then()
                .statusCode(303);
        assertThat(state(toDismiss[0])).isEqualTo(CapTrigger.State.DISMISSED);
        assertThat(broadcastStatus(toDismiss[1])).isEqualTo(dev.tocsin.broadcast.BroadcastStatus.PENDING_APPROVAL);

        // A second click finds it decided: shown on the page, nothing changes.
        String again = given().redirects()
                .follow(false)
                .cookies(session)
                .cookie(CSRF_COOKIE, csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", csrf)
                .post("/console/cap/proposals/" + toDismiss[0] + "/accept")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(again).contains("error=");
        given().urlEncodingEnabled(false)
                .cookies(session)
                .get(again.replaceFirst("^https?://[^/]+", ""))
                .then()
                .statusCode(200)
                .body(containsString("already dismissed"));
        assertThat(broadcastStatus(toDismiss[1])).isEqualTo(dev.tocsin.broadcast.BroadcastStatus.PENDING_APPROVAL);
        assertThat(given().cookies(session).get("/console/cap").asString())
                .doesNotContain("/console/cap/proposals/" + toAccept[0] + "/accept");
    }
}
