package dev.tocsin.sms;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmsStaffApiTest {

    @Inject
    SmsDispatchService dispatcher;

    @Test
    void staffSeeCountsByStateAndPagedDeliveries() {
        List<Recipient> audience = SmsTestSupport.residents("+8613506", 5, "zh-CN");
        long id = dispatcher
                .dispatch(
                        SmsDispatchRequest.of(null, "Icy roads: drive slowly.", Urgency.URGENT, "operator"),
                        audience.stream())
                .dispatchId();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SmsTestSupport.statesOf(id).getOrDefault("delivered", 0L) == 5);

        admin().when()
                .get("/api/sms/dispatches/" + id)
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("byState.delivered", equalTo(5))
                .body("byState.failed", equalTo(0))
                .body("priority", equalTo("urgent"));
        admin().queryParam("dispatch", id)
                .queryParam("state", "delivered")
                .queryParam("size", 2)
                .when()
                .get("/api/sms/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("items.size()", equalTo(2))
                .body("items[0].state", equalTo("delivered"));
    }

    @Test
    void badQueryInputIsAProblemNamingTheField() {
        admin().when()
                .get("/api/sms/dispatches/abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("id"));
        admin().when().get("/api/sms/dispatches/987654321").then().statusCode(404);
        admin().queryParam("state", "lost")
                .when()
                .get("/api/sms/deliveries")
                .then()
                .statusCode(400)
                .body("field", equalTo("state"));
        given().when().get("/api/sms/deliveries").then().statusCode(401);
    }

    @Test
    void sandboxRefusesStaffCredentialsAndAnswersTheAccount() {
        admin().when().get("/sandbox/twilio/messages").then().statusCode(401).body("code", equalTo(20003));
        given().header("Authorization", SmsTestSupport.sandboxAuth())
                .queryParam("size", 0)
                .when()
                .get("/sandbox/twilio/messages")
                .then()
                .statusCode(400)
                .body("field", equalTo("size"));
    }
}
