package dev.tocsin.compose;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentences of the "loudspeaker says exactly what the notice says" report, through the preview API. */
@QuarkusTest
class DialectSafetyResourceTest {

    private static ValidatableResponse preview(String text, String dialect) {
        return StaffLogins.operator()
                .contentType(ContentType.JSON)
                .body(Map.of("text", text, "language", "zh-CN", "dialect", dialect))
                .post("/api/compose/preview")
                .then();
    }

    @Test
    void wantOrNotEvacuateIsNeverTurnedIntoMustNotEvacuate() {
        preview("要不要撤离，听从指挥。非常时期请留在家中", "xiang-yiyang")
                .statusCode(200)
                .body("loudspeaker.after", containsString("要不要撤离，听从指挥。非常时期请留在家中"))
                .body("loudspeaker.after", not(containsString("要莫")))
                .body("loudspeaker.after", not(containsString("蛮时期")))
                .body("loudspeaker.rewrites.from", not(hasItem("不要")))
                .body("loudspeaker.rewrites.from", not(hasItem("非常")))
                .body("loudspeaker.refusals.from", hasItem("不要"))
                .body("loudspeaker.refusals.find { it.from == '不要' }.reason", containsString("question"));
    }

    @Test
    void aStammerIsNotEatingAndNoWorriesStaysNoWorries() {
        preview("口吃的老人不要紧，请邻居帮忙", "xiang-yiyang")
                .statusCode(200)
                .body("loudspeaker.after", containsString("口吃的老人不要紧"))
                .body("loudspeaker.after", not(containsString("口呷")));
    }

    @Test
    void imperativeDontAndNoWorriesAreStillRewrittenAndSpokenTextIsBeside() {
        preview("没事不要外出，最低气温-3℃，求助电话12345", "xiang-yiyang")
                .statusCode(200)
                .body("loudspeaker.after", containsString("冇事莫外出，最低气温-3℃，求助电话12345"))
                .body("loudspeaker.spoken", containsString("冇事莫外出，最低气温零下三摄氏度，求助电话幺二三四五"))
                .body("loudspeaker.rewrites.find { it.from == '不要' }.to", equalTo("莫"));
    }
}
