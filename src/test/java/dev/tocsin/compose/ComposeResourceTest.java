package dev.tocsin.compose;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ComposeResourceTest {

    private static final Map<String, Object> COLD_WAVE =
            Map.of("area", "新桥河镇", "period", Map.of("from", "2026-01-20", "to", "2026-01-25"), "lowTemperature", -5);

    private static ValidatableResponse preview(Map<String, Object> body) {
        return StaffLogins.operator()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/compose/preview")
                .then();
    }

    @Test
    void operatorPreviewsColdWaveInXiangWithSmsCountAndRewrites() {
        preview(Map.of(
                        "templateId",
                        "cold-wave",
                        "variables",
                        COLD_WAVE,
                        "language",
                        "zh-CN",
                        "dialect",
                        "xiang-yiyang"))
                .statusCode(200)
                .body("templateId", equalTo("cold-wave"))
                .body("templateVersion", equalTo(1))
                .body("cap.severity", equalTo("Severe"))
                .body("cap.category", equalTo("Met"))
                .body("sms.text", startsWith("【资阳区应急管理局】1月20日至25日新桥河镇有寒潮冻雨，最低气温-5℃"))
                .body("sms.encoding", equalTo("UCS-2"))
                .body("sms.segments", equalTo(2))
                .body("sms.segmentLimit", equalTo(2))
                .body("loudspeaker.dialect", equalTo("xiang-yiyang"))
                .body("loudspeaker.before", containsString("没事尽量少出门"))
                .body("loudspeaker.after", containsString("冇事尽量少出门"))
                .body("loudspeaker.rewrites.from", hasItems("没事", "孩子"))
                .body("loudspeaker.rewrites.find { it.from == '没事' }.to", equalTo("冇事"));
    }

    @Test
    void freeTextPreviewCountsSegmentsAndRewritesForTheLiveCounter() {
        preview(Map.of("text", "今天很冷，没事不要出门。", "language", "zh-CN", "dialect", "xiang-yiyang"))
                .statusCode(200)
                .body("templateId", equalTo(null))
                .body("sms.text", equalTo("【资阳区应急管理局】今天很冷，没事不要出门。"))
                .body("sms.segments", equalTo(1))
                .body("sms.units", equalTo(22))
                .body("loudspeaker.after", equalTo("各位父老乡亲，今日蛮冷，冇事莫出门。请大家相互转告，注意安全！"))
                .body("loudspeaker.rewrites", hasSize(4));
    }

    @Test
    void freeTextIsNeverEvaluatedAsATemplate() {
        preview(Map.of("text", "{inject:composeService} {#for x in y}{x}{/for}", "language", "en"))
                .statusCode(200)
                .body("sms.text", equalTo("[Ziyang Emergency] {inject:composeService} {#for x in y}{x}{/for}"))
                .body("sms.encoding", equalTo("GSM-7"))
                // 65 characters; the eight braces and two square brackets are GSM-7 escapes counting two.
                .body("sms.units", equalTo(75));
    }

    @Test
    void injectedTemplateSyntaxInAVariablePrintsLiterally() {
        preview(Map.of(
                        "templateId",
                        "charcoal-carbon-monoxide",
                        "variables",
                        Map.of("area", "{inject:foo}{#for}"),
                        "language",
                        "zh-CN"))
                .statusCode(200)
                .body("sms.text", startsWith("【资阳区应急管理局】{inject:foo}{#for}居民请注意"))
                .body("loudspeaker.dialect", equalTo("mandarin"))
                .body("loudspeaker.after", startsWith("{inject:foo}{#for}的乡亲们"));
    }

    @Test
    void invalidVariablesAreAllReportedByField() {
        preview(Map.of(
                        "templateId",
                        "cold-wave",
                        "language",
                        "zh-CN",
                        "variables",
                        Map.of(
                                "lowTemperature",
                                99,
                                "period",
                                Map.of("from", "2026-01-25", "to", "2026-01-20"),
                                "wind",
                                "8级",
                                "hotline",
                                "call me")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "variables.area",
                                "variables.lowTemperature",
                                "variables.period",
                                "variables.wind",
                                "variables.hotline"))
                .body("errors.find { it.field == 'variables.area' }.message", equalTo("is required"))
                .body("errors.find { it.field == 'variables.lowTemperature' }.message", equalTo("must be at most 10"))
                .body("errors.find { it.field == 'variables.period' }.message", equalTo("ends before it starts"))
                .body("errors.find { it.field == 'variables.wind' }.message", startsWith("unknown variable"));
    }

    @Test
    void wrongTypeIsReportedByField() {
        preview(Map.of(
                        "templateId",
                        "snow-load",
                        "language",
                        "zh-CN",
                        "variables",
                        Map.of("area", "迎风桥镇", "snowDepth", "deep")))
                .statusCode(400)
                .body("field", equalTo("variables.snowDepth"))
                .body("detail", equalTo("variables.snowDepth: must be a number"));
    }

    @Test
    void valueThatPushesTheSmsOverItsLimitIsNamed() {
        preview(Map.of(
                        "templateId",
                        "all-clear",
                        "language",
                        "zh-CN",
                        "variables",
                        Map.of(
                                "area",
                                "新桥河镇、长春镇、迎风桥镇、张家塞乡、茈湖口镇",
                                "notice",
                                "寒潮冻雨道路结冰橙色预警",
                                "endDate",
                                "2026-01-26",
                                "endTime",
                                "18:00")))
                .statusCode(400)
                .body("field", equalTo("variables.area"))
                .body("detail", containsString("the SMS is 2 segments"))
                .body("detail", containsString("over this template's limit of 1"));
    }

    @Test
    void unknownTemplateLanguageAndDialectAreReportedByField() {
        preview(Map.of("templateId", "volcano", "language", "zh-CN"))
                .statusCode(400)
                .body("field", equalTo("templateId"))
                .body("detail", containsString("unknown template 'volcano'"));
        preview(Map.of("templateId", "cold-wave", "variables", COLD_WAVE, "language", "fr"))
                .statusCode(400)
                .body("field", equalTo("language"));
        preview(Map.of("templateId", "cold-wave", "variables", COLD_WAVE, "language", "zh-CN", "dialect", "klingon"))
                .statusCode(400)
                .body("field", equalTo("dialect"));
        preview(Map.of("text", "Roads are icy", "language", "en", "dialect", "xiang-yiyang"))
                .statusCode(400)
                .body("field", equalTo("dialect"))
                .body("detail", containsString("is for language zh-CN"));
        preview(Map.of("templateId", "cold-wave", "version", 99, "variables", COLD_WAVE, "language", "zh-CN"))
                .statusCode(400)
                .body("field", equalTo("templateVersion"));
    }

    @Test
    void previewNeedsTemplateOrTextButNotBoth() {
        preview(Map.of("language", "zh-CN")).statusCode(400).body("field", equalTo("templateId"));
        preview(Map.of("templateId", "cold-wave", "text", "hi", "language", "zh-CN"))
                .statusCode(400)
                .body("field", equalTo("text"));
        preview(Map.of("text", "hi", "language", "zh-CN", "colour", "red")).statusCode(400);
    }

    @Test
    void previewRequiresALogin() {
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("text", "hi", "language", "en"))
                .post("/api/compose/preview")
                .then()
                .statusCode(401);
    }

    @Test
    void dialectsAreListed() {
        StaffLogins.operator()
                .get("/api/dialects")
                .then()
                .statusCode(200)
                .body("id", hasItems("xiang-yiyang", "mandarin", "en"))
                .body("find { it.id == 'xiang-yiyang' }.language", equalTo("zh-CN"))
                .body("find { it.id == 'en' }.language", equalTo("en"))
                .body("id", not(hasItem("klingon")));
    }
}
