package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.adminJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PronounceResourceTest {

    private static ValidatableResponse pronounce(String text, String profile) {
        return adminJson()
                .body(Map.of("text", text, "profile", profile))
                .post("/api/audio/pronounce")
                .then();
    }

    @Test
    void theRowsOfTheReportAreSaidAsWritten() {
        pronounce("最低气温-3℃", "mandarin")
                .statusCode(200)
                .body("spoken", equalTo("最低气温零下三摄氏度"))
                .body(
                        "syllables.pinyin",
                        contains("zui4", "di1", "qi4", "wen1", "ling2", "xia4", "san1", "she4", "shi4", "du4"))
                .body("syllables.text", contains("最", "低", "气", "温", "零", "下", "三", "摄", "氏", "度"));
        pronounce("求助电话12345", "mandarin").statusCode(200).body("spoken", equalTo("求助电话幺二三四五"));
        pronounce("火警119，急救120", "mandarin").statusCode(200).body("spoken", equalTo("火警幺幺九，急救幺二零"));
        pronounce("15:00解除", "mandarin").statusCode(200).body("spoken", equalTo("十五点解除"));
        pronounce("2027年", "mandarin").statusCode(200).body("spoken", equalTo("二零二七年"));
        pronounce("长春镇", "mandarin").statusCode(200).body("syllables.pinyin", contains("chang2", "chun1", "zhen4"));
        pronounce("一氧化碳中毒", "mandarin")
                .statusCode(200)
                .body("syllables.pinyin", contains("yi1", "yang3", "hua4", "tan4", "zhong4", "du2"));
        pronounce("-3C", "en")
                .statusCode(200)
                .body("spoken", equalTo("minus three degrees Celsius"))
                .body("syllables", nullValue());
    }

    @Test
    void aDialectProfileSpeaksItsGuardedRewritesAndListsRefusals() {
        pronounce("没事不要外出，要不要撤离听村长安排", "xiang-yiyang")
                .statusCode(200)
                .body("spoken", equalTo("冇事莫外出，要不要撤离听村长安排"))
                .body("syllables[0].pinyin", equalTo("mao3"))
                .body("syllables.find { it.text == '莫' }.pinyin", equalTo("mo4"))
                .body("refusals.from", hasItem("不要"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        adminJson()
                .body(Map.of("text", "你好", "profile", "klingon"))
                .post("/api/audio/pronounce")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("profile"));
        adminJson()
                .body(Map.of("profile", "mandarin"))
                .post("/api/audio/pronounce")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("text"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "你好", "profile", "mandarin"))
                .post("/api/audio/pronounce")
                .then()
                .statusCode(401);
    }

    @Test
    void staffAddAPlaceNameAndItIsReadAsListed() {
        // 檫 has no reading of its own here: the dictionary gives one.
        pronounce("檫木冲村", "mandarin").statusCode(200);
        adminJson()
                .body(Map.of("name", "檫木冲村", "pinyin", "cha2 mu4 chong1 cun1"))
                .post("/api/audio/place-names")
                .then()
                .statusCode(200)
                .body("name", equalTo("檫木冲村"));
        pronounce("檫木冲村要不要转移", "mandarin")
                .statusCode(200)
                .body(
                        "syllables.pinyin",
                        contains("cha2", "mu4", "chong1", "cun1", "yao4", "bu4", "yao4", "zhuan3", "yi2"));
        adminJson()
                .get("/api/audio/place-names")
                .then()
                .statusCode(200)
                .body("find { it.name == '茈湖口' }.pinyin", equalTo("ci2 hu2 kou3"));
        adminJson()
                .body(Map.of("name", "茈湖口", "pinyin", "ci2 hu2"))
                .post("/api/audio/place-names")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("pinyin"));
        adminJson()
                .body(Map.of("name", "Cihukou", "pinyin", "ci2"))
                .post("/api/audio/place-names")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("name"));
    }
}
