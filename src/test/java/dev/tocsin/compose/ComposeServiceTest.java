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
    static final Map<String, Map<String, Object>> SAMPLES = Map.ofEntries(
            Map.entry(
                    "cold-wave",
                    Map.of(
                            "area",
                            "新桥河镇",
                            "period",
                            Map.of("from", "2026-01-20", "to", "2026-01-25"),
                            "lowTemperature",
                            -5)),
            Map.entry("charcoal-carbon-monoxide", Map.of("area", "长春镇")),
            Map.entry("festival-fireworks", Map.of("period", "2026-02-07/2026-03-03", "noSaleZone", "城区禁售区域")),
            Map.entry("fire-safety", Map.of("area", "桥北大市场")),
            Map.entry("snow-load", Map.of("area", "迎风桥镇", "snowDepth", 15)),
            Map.entry("work-resumption", Map.of("area", "长春经开区", "startDate", "2026-02-24")),
            Map.entry(
                    "all-clear", Map.of("area", "全区", "notice", "寒潮冻雨预警", "endDate", "2026-01-26", "endTime", "18:00")),
            Map.entry("qingming-hill-fire", Map.of("area", "迎风桥镇", "period", "2027-04-03/2027-04-06")),
            Map.entry(
                    "point-hazard-cordon",
                    Map.of("place", "桥北大市场东门", "hazard", "雨棚有垮塌危险", "distance", 50, "safePlace", "市场北侧停车场")),
            Map.entry(
                    "rainstorm-flash-flood",
                    Map.of("area", "新桥河镇", "period", "2027-06-18/2027-06-20", "safePlace", "镇中心小学")));

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
    void qingmingHillFireForbidsBurningOnTheHillsInBothLanguagesAndXiangKeepsEveryDont() {
        Renditions zh =
                compose.render("qingming-hill-fire", null, values("qingming-hill-fire"), "zh-CN", "xiang-yiyang");
        assertThat(zh.sms().text())
                .isEqualTo("【资阳区应急管理局】4月3日至6日清明祭扫期间，迎风桥镇山上、林区严禁烧纸、焚香、燃放鞭炮。" + "请文明祭扫，献花寄哀思。发现山火请立即拨打12119。");
        assertThat(zh.loudspeaker().after())
                .contains("上山祭扫不烧纸、不点香、不放鞭炮")
                .contains("细伢子莫玩火")
                .contains("请马上打12119")
                .contains("再讲一遍：上山祭扫不烧纸、不放鞭炮，看到山火马上报警。");
        assertThat(zh.cap().severity().cap()).isEqualTo("Moderate");
        Renditions en = compose.render("qingming-hill-fire", null, values("qingming-hill-fire"), "en", null);
        assertThat(en.sms().text())
                .isEqualTo(
                        "[Ziyang Emergency] Qingming 3-6 Apr: no paper, incense or firecrackers on the hills of 迎风桥镇."
                                + " Bring flowers. Hill fire? Call 12119");
        assertThat(en.loudspeaker().after()).contains("do not burn paper or incense and do not set off firecrackers");
    }

    @Test
    void aPointHazardSaysLeaveNowKeepAwayAndWhereToGoAndXiangSaysMoForDont() {
        Renditions zh =
                compose.render("point-hazard-cordon", null, values("point-hazard-cordon"), "zh-CN", "xiang-yiyang");
        assertThat(zh.sms().text())
                .isEqualTo("【资阳区应急管理局】紧急：桥北大市场东门雨棚有垮塌危险。附近人员请立即离开，50米以内不要靠近，" + "到市场北侧停车场暂避，听从现场人员指挥。有人被困请拨打119。");
        assertThat(zh.loudspeaker().after())
                .contains("紧急通知！桥北大市场东门雨棚有垮塌危险！")
                .contains("50米以内莫靠近，到市场北侧停车场暂避")
                .contains("莫围观，莫回去拿东西")
                .contains("再讲一遍：马上离开，不要靠近，不要围观！");
        assertThat(zh.cap().severity().cap()).isEqualTo("Severe");
        assertThat(zh.cap().urgency().cap()).isEqualTo("Immediate");
        Renditions en = compose.render("point-hazard-cordon", null, values("point-hazard-cordon"), "en", null);
        assertThat(en.sms().text())
                .isEqualTo("[Ziyang Emergency] URGENT: danger at 桥北大市场东门: 雨棚有垮塌危险. Leave now, keep 50 m away,"
                        + " go to 市场北侧停车场. Trapped? Call 119");
    }

    @Test
    void heavyRainTellsPeopleByRiversAndSlopesToMoveEarlyAndNeverWade() {
        Renditions zh =
                compose.render("rainstorm-flash-flood", null, values("rainstorm-flash-flood"), "zh-CN", "xiang-yiyang");
        assertThat(zh.sms().text())
                .isEqualTo("【资阳区应急管理局】6月18日至20日新桥河镇有暴雨，山洪、滑坡风险高。住在山脚、河边、低洼处的群众"
                        + "请尽快转移到镇中心小学，不要涉水过河，不要在河边、桥下停留。求助电话12345。");
        // 不要 before a place (在河边) is not the imperative the dialect rule may turn into 莫: kept.
        assertThat(zh.loudspeaker().after())
                .contains("马上转移到镇中心小学；老人、细伢子、病人先走")
                .contains("莫涉水过河，不要在河边、桥下停留，莫冒雨回家拿东西")
                .contains("再讲一遍：山洪来得快，转移要趁早；不要涉水过河，马上往高处走。");
        Renditions en = compose.render("rainstorm-flash-flood", null, values("rainstorm-flash-flood"), "en", null);
        assertThat(en.sms().text())
                .isEqualTo("[Ziyang Emergency] Flash flood risk in 新桥河镇 18-20 Jun. By a slope, river or low ground?"
                        + " Go to 镇中心小学 now. Never wade. Help: 12345");
        assertThat(en.loudspeaker().after()).contains("Never wade across flowing water");
    }

    @Test
    void theFireworksTemplateNamesNoFestivalSoItServesSpringFestivalLanternAndSaleCrackdownsAlike() {
        Map<String, JsonNode> lantern = new java.util.HashMap<>(values("festival-fireworks"));
        lantern.put("period", mapper.getNodeFactory().textNode("2027-02-18/2027-02-21"));
        Renditions zh = compose.render("festival-fireworks", null, lantern, "zh-CN", null);
        assertThat(zh.loudspeaker().after())
                .doesNotContain("过年")
                .doesNotContain("春节")
                .contains("2月18日至21日，城区禁售区域禁止销售烟花爆竹");
        assertThat(zh.sms().text()).doesNotContain("过年").startsWith("【资阳区应急管理局】2月18日至21日，城区禁售区域禁止销售烟花爆竹。");
        Renditions en = compose.render("festival-fireworks", null, lantern, "en", null);
        assertThat(en.loudspeaker().after())
                .doesNotContainIgnoringCase("festival")
                .contains("Fireworks may not be sold in 城区禁售区域 18-21 Feb.");
    }

    @Test
    void anExerciseIsMarkedOnceRightAfterTheSignatureAndSpokenAtStartAndEnd() {
        // Staff type the mark in many ways, with or without the signature: residents read 演练： once.
        for (String typed : List.of(
                "【演练】明天上午9点在村委会开展山洪避险转移演练，听到锣声请到村小学集合。",
                "【资阳区应急管理局】【演练】明天上午9点在村委会开展山洪避险转移演练，听到锣声请到村小学集合。",
                "演练：明天上午9点在村委会开展山洪避险转移演练，听到锣声请到村小学集合。",
                "明天上午9点在村委会开展山洪避险转移演练，听到锣声请到村小学集合。")) {
            Renditions r = compose.asExercise(
                    compose.renderText(ComposeService.withoutTypedExerciseMark(typed), "zh-CN", "xiang-yiyang"));
            assertThat(r.sms().text())
                    .as(typed)
                    .startsWith("【资阳区应急管理局】演练：明天上午9点在村委会开展山洪避险转移演练")
                    .doesNotContain("【演练】");
        }
        Renditions zh = compose.asExercise(compose.renderText("明天上午9点在村委会开展山洪避险转移演练，小孩不要乱跑。", "zh-CN", "xiang-yiyang"));
        assertThat(zh.loudspeaker().after()).startsWith("这是一次演练。各位父老乡亲，明日上午9点").endsWith("注意安全！这是一次演练。");
        assertThat(zh.loudspeaker().before()).startsWith("这是一次演练。").endsWith("这是一次演练。");
        // The dialect's rewrites still point at the words they changed.
        for (dev.tocsin.compose.dialect.Rewrite w : zh.loudspeaker().rewrites()) {
            assertThat(zh.loudspeaker().after().substring(w.outputPosition())).startsWith(w.to());
            assertThat(zh.loudspeaker().before().substring(w.position())).startsWith(w.from());
        }
        assertThat(zh.loudspeaker().rewrites()).extracting(w -> w.to()).contains("莫");
        assertThat(zh.loudspeaker().spoken()).startsWith("这是一次演练");

        Renditions en = compose.asExercise(
                compose.renderText("Exercise: flood drill at the school at 9 tomorrow.", "en", null));
        assertThat(en.sms().text()).isEqualTo("[Ziyang Emergency] EXERCISE: flood drill at the school at 9 tomorrow.");
        assertThat(en.loudspeaker().after())
                .startsWith("This is an exercise. Attention please, residents.")
                .endsWith(" This is an exercise.");
    }

    @Test
    void anExerciseMarkMayTakeATemplatesSmsOverItsLimitAndTheCountSaysSo() {
        // An English SMS naming Chinese places is UCS-2 and close to cold-wave's 2 segments.
        Map<String, JsonNode> v = new java.util.HashMap<>(values("cold-wave"));
        v.put("area", mapper.getNodeFactory().textNode("新桥河镇上湾村"));
        Renditions plain = compose.render("cold-wave", null, v, "en", null);
        assertThat(plain.sms().segments()).isEqualTo(2);
        Renditions.Sms marked = compose.asExercise(plain).sms();
        assertThat(marked.text()).startsWith("[Ziyang Emergency] EXERCISE: Cold wave in 新桥河镇上湾村");
        assertThat(marked.units()).isEqualTo(plain.sms().units() + "EXERCISE: ".length());
        assertThat(marked.segments()).isEqualTo(3);
        assertThat(marked.segmentLimit()).isEqualTo(2);
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
