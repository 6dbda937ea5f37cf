package dev.tocsin.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.compose.sms.SmsEncoding;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.compose.template.TemplateRenderer;
import dev.tocsin.compose.template.TemplateSeeder;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ComposeServiceTest {

    /** Realistic values for every seed template. */
    static final Map<String, Map<String, Object>> SAMPLES = Map.of(
            "cold-wave",
                    Map.of(
                            "area",
                            "新桥河镇",
                            "period",
                            Map.of("from", "2026-01-20", "to", "2026-01-25"),
                            "lowTemperature",
                            -5),
            "charcoal-carbon-monoxide", Map.of("area", "长春镇"),
            "festival-fireworks", Map.of("period", "2026-02-07/2026-03-03", "noSaleZone", "城区禁售区域"),
            "fire-safety", Map.of("area", "桥北大市场"),
            "snow-load", Map.of("area", "迎风桥镇", "snowDepth", 15),
            "work-resumption", Map.of("area", "长春经开区", "startDate", "2026-02-24"),
            "all-clear", Map.of("area", "全区", "notice", "寒潮冻雨预警", "endDate", "2026-01-26", "endTime", "18:00"));

    @Inject
    ComposeService compose;

    @Inject
    TemplateCatalogue catalogue;

    @Inject
    TemplateRenderer renderer;

    @Inject
    ObjectMapper mapper;

    @Inject
    TemplateSeeder seeder;

    Map<String, JsonNode> values(String templateId) {
        return mapper.convertValue(
                SAMPLES.get(templateId),
                mapper.getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
    }

    @Test
    void everySeedTemplateIsInTheCatalogueAndRendersInBothLanguagesWithinItsSmsLimit() {
        List<String> ids =
                TemplateSeeder.files().stream().map(f -> f.replace(".json", "")).toList();
        assertThat(catalogue.list(true))
                .extracting(TemplateCatalogue.Summary::id)
                .containsAll(ids);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(SAMPLES.keySet());
        for (String id : ids) {
            for (String lang : List.of("zh-CN", "en")) {
                Renditions r = compose.render(id, 1, values(id), lang, null);
                assertThat(r.sms().segments())
                        .as(id + " " + lang + ": " + r.sms().text())
                        .isLessThanOrEqualTo(r.sms().segmentLimit());
                assertThat(r.sms().text()).doesNotContain("{").doesNotContain("}");
                assertThat(r.loudspeaker().after()).isNotBlank().doesNotContain("{");
            }
        }
    }

    @Test
    void smsByLanguageRendersEveryLanguageWithTheSameValuesAndReportsButDoesNotEnforceTheLimit() {
        Map<String, JsonNode> v = new java.util.HashMap<>(values("cold-wave"));
        v.put("area", mapper.getNodeFactory().textNode("资阳区新桥河镇上湾村下湾村"));
        Map<String, Renditions.Sms> sms = compose.renderSmsByLanguage("cold-wave", null, v);
        assertThat(sms).containsOnlyKeys("zh-CN", "en");
        assertThat(sms.get("zh-CN").text())
                .isEqualTo(compose.render("cold-wave", null, v, "zh-CN", null)
                        .sms()
                        .text());
        // The Chinese place name makes the English SMS UCS-2: 3 segments, reported against the limit of 2.
        assertThat(sms.get("en").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(sms.get("en").segments()).isEqualTo(3);
        assertThat(sms.get("en").segmentLimit()).isEqualTo(2);
        assertThatThrownBy(() -> compose.render("cold-wave", null, v, "en", null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("over this template's limit of 2");

        v.put("lowTemperature", mapper.getNodeFactory().numberNode(-99));
        assertThatThrownBy(() -> compose.renderSmsByLanguage("cold-wave", null, v))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().field()).isEqualTo("variables.lowTemperature"))
                .hasMessageStartingWith("zh-CN SMS: ");
    }

    @Test
    void coldWaveInXiangSoundsLikeTheSeedAndTheSmsIsSignedPlainMandarin() {
        Renditions r = compose.render("cold-wave", null, values("cold-wave"), "zh-CN", "xiang-yiyang");
        assertThat(r.sms().text())
                .isEqualTo("【资阳区应急管理局】1月20日至25日新桥河镇有寒潮冻雨，最低气温-5℃，路面结冰。" + "请减少外出，出行防滑慢行；烤火取暖要开窗通风，谨防一氧化碳中毒。求助电话12345。");
        assertThat(r.sms().encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(r.sms().segments()).isEqualTo(2);
        assertThat(r.loudspeaker().dialect()).isEqualTo("xiang-yiyang");
        assertThat(r.loudspeaker().before())
                .startsWith("各位父老乡亲，1月20日至25日，新桥河镇有寒潮冻雨")
                .contains("没事尽量少出门");
        assertThat(r.loudspeaker().after())
                .contains("天寒地冻路面滑，冇事尽量少出门，出行时刻记安全；老人伢子要保暖")
                // The key instruction is kept as written: the dialect guard never rewrites it.
                .contains("再讲一遍：天寒地冻路面滑，没事尽量少出门；烤火记得开门窗，一氧化碳要严防。")
                .endsWith("请大家相互转告，注意安全！");
        assertThat(r.loudspeaker().rewrites())
                .extracting(rw -> rw.from() + "→" + rw.to())
                .contains("没事→冇事", "孩子→伢子");
        assertThat(r.loudspeaker().rewrites().get(0))
                .isEqualTo(new dev.tocsin.compose.dialect.Rewrite(43, 43, "没事", "冇事"));
        assertThat(r.loudspeaker().refusals())
                .extracting(dev.tocsin.compose.dialect.Refusal::reason)
                .contains("the key instruction is kept as written");
        assertThat(r.cap().severity().cap()).isEqualTo("Severe");
    }

    @Test
    void freeTextAlreadySignedIsSignedOnce() {
        assertThat(compose.renderText("【资阳区应急管理局】今天有冻雨，莫出门。", "zh-CN", null)
                        .sms()
                        .text())
                .isEqualTo("【资阳区应急管理局】今天有冻雨，莫出门。");
        assertThat(compose.renderText("今天有冻雨，莫出门。", "zh-CN", null).sms().text()).isEqualTo("【资阳区应急管理局】今天有冻雨，莫出门。");
        assertThat(compose.renderText("[Ziyang Emergency] Roads are icy.", "en", null)
                        .sms()
                        .text())
                .isEqualTo("[Ziyang Emergency] Roads are icy.");
    }

    @Test
    void englishSmsCarriesTheEnglishSignatureAndStaysGsm() {
        Renditions r = compose.render("snow-load", null, values("snow-load"), "en", null);
        assertThat(r.sms().text()).startsWith("[Ziyang Emergency] 迎风桥镇: 15cm of snow.");
        // The Chinese area name forces UCS-2; the rest of the English text would be GSM-7.
        assertThat(r.sms().nonGsmCharacters()).containsExactly("迎", "风", "桥", "镇");
    }

    @Test
    void staffValuesAreDataNeverTemplateCode() {
        Map<String, JsonNode> v = values("fire-safety");
        v.put("area", mapper.getNodeFactory().textNode("{inject:compose}{#for}"));
        Renditions r = compose.render("fire-safety", null, v, "en", null);
        assertThat(r.sms().text()).contains("Fire safety, {inject:compose}{#for}: keep exits clear");
        assertThat(r.loudspeaker().after()).contains("residents of {inject:compose}{#for}:");
    }

    @Test
    void editingAddsAVersionAndTheOldVersionStillRenders() {
        String id = "compose-version-probe";
        TemplateDefinition v1 = seeder.read("all-clear.json").withId(id);
        QuarkusTransaction.requiringNew().run(() -> catalogue.create("admin", v1));
        TemplateDefinition.RenditionDefinition newSms = new TemplateDefinition.RenditionDefinition(
                dev.tocsin.alert.Channel.SMS, "zh-CN", "{area}：{notice}解除了。", null);
        List<TemplateDefinition.RenditionDefinition> renditions = new java.util.ArrayList<>(v1.renditions());
        renditions.set(0, newSms);
        TemplateDefinition v2 = new TemplateDefinition(
                id,
                v1.name(),
                v1.category(),
                v1.severity(),
                v1.urgency(),
                v1.certainty(),
                v1.smsSegmentLimit(),
                v1.variables(),
                renditions);
        TemplateCatalogue.Detail saved =
                QuarkusTransaction.requiringNew().call(() -> catalogue.update("admin", id, 1, v2));
        assertThat(saved.currentVersion()).isEqualTo(2);
        assertThat(saved.versions())
                .extracting(TemplateCatalogue.VersionInfo::version)
                .containsExactly(2, 1);

        Map<String, JsonNode> vals = values("all-clear");
        assertThat(compose.render(id, null, vals, "zh-CN", null).sms().text()).isEqualTo("【资阳区应急管理局】全区：寒潮冻雨预警解除了。");
        assertThat(compose.render(id, 1, vals, "zh-CN", null).sms().text())
                .isEqualTo("【资阳区应急管理局】全区寒潮冻雨预警已于1月26日18:00解除。感谢配合，请继续注意安全。");
        // A stale editor (still at version 1) is refused.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> catalogue.update("admin", id, 1, v2)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(409));
    }

    @Test
    void eachTemplateVersionIsCompiledOnce() {
        compose.render("charcoal-carbon-monoxide", 1, values("charcoal-carbon-monoxide"), "zh-CN", null);
        int compiled = renderer.compiledCount();
        for (int i = 0; i < 5; i++) {
            compose.render("charcoal-carbon-monoxide", 1, values("charcoal-carbon-monoxide"), "zh-CN", null);
        }
        assertThat(renderer.compiledCount()).isEqualTo(compiled);
    }

    @Test
    void seedingAgainAddsNothingAndKeepsEdits() {
        TemplateDefinition coldWave = seeder.read("cold-wave.json");
        assertThat(QuarkusTransaction.requiringNew().call(() -> catalogue.seed(coldWave)))
                .isFalse();
    }
}
