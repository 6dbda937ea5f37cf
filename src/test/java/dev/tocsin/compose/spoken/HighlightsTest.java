package dev.tocsin.compose.spoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tocsin.compose.dialect.Rewrite;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpokenText#annotate}: which stretches of the spoken text are read other than as written. */
class HighlightsTest {

    private static final String NOTICE = "2030年1月20日至22日，长春镇有寒潮冻雨，最低气温-3℃。冇事尽量少出门，" + "烤火记得开门窗，谨防一氧化碳中毒。有困难请打119。";

    @Test
    void aNoticeSentenceReportsEachNumberPlaceNameReadingAndRewrite() {
        int at = NOTICE.indexOf("冇事");
        SpokenText.Annotated a = SpokenText.annotate(NOTICE, "zh-CN", List.of(new Rewrite(at, at, "没事", "冇事")));
        assertThat(a.spoken()).isEqualTo("二零三零年一月二十日至二十二日，长春镇有寒潮冻雨，最低气温零下三摄氏度。冇事尽量少出门，" + "烤火记得开门窗，谨防一氧化碳中毒。有困难请打幺幺九。");
        assertThat(a.spoken()).isEqualTo(SpokenText.of(NOTICE, "zh-CN"));
        assertThat(a.highlights())
                .extracting(Highlight::written, Highlight::spoken, Highlight::kind, Highlight::pinyin)
                .containsExactly(
                        tuple(
                                "2030年1月20日至22日",
                                "二零三零年一月二十日至二十二日",
                                Highlight.Kind.DATE,
                                "er4 ling2 san1 ling2 nian2 yi1 yue4 er4 shi2 ri4 zhi4 er4 shi2 er4 ri4"),
                        tuple("长春镇", "长春镇", Highlight.Kind.PLACE_NAME, "chang2 chun1 zhen4"),
                        tuple("-3℃", "零下三摄氏度", Highlight.Kind.TEMPERATURE, "ling2 xia4 san1 she4 shi4 du4"),
                        tuple("没事", "冇事", Highlight.Kind.DIALECT, "mao3 shi4"),
                        tuple("尽量", "尽量", Highlight.Kind.POLYPHONE, "jin3 liang4"),
                        tuple("中毒", "中毒", Highlight.Kind.POLYPHONE, "zhong4 du2"),
                        tuple("119", "幺幺九", Highlight.Kind.PHONE, "yao1 yao1 jiu3"));
        for (Highlight h : a.highlights()) {
            assertThat(a.spoken().substring(h.start(), h.end())).isEqualTo(h.spoken());
        }
    }

    @Test
    void wordsInTheirUsualReadingAndNeutralTonesAreNotMarked() {
        // 长 in 长期 is chang2 as alone; 的, 了, 得 are light everywhere; 中间 is zhong1 as alone.
        SpokenText.Annotated a = SpokenText.annotate("请大家长期注意，中间的路走不了，记得关好门。", "zh-CN", null);
        assertThat(a.highlights()).isEmpty();
    }

    @Test
    void onlyWhatChangedIsMarkedNotTheCueBeforeIt() {
        SpokenText.Annotated a = SpokenText.annotate("求助电话：12345", "zh-CN", List.of());
        assertThat(a.highlights())
                .extracting(Highlight::written, Highlight::spoken, Highlight::start)
                .containsExactly(tuple("12345", "幺二三四五", 5));
    }

    @Test
    void aChangeThatTookSeveralRulesIsOneStretch() {
        // Full-width digits, then a range, then the unit: one temperature as written.
        SpokenText.Annotated a = SpokenText.annotate("气温回升２～４℃，北风3-5级", "zh-CN", null);
        assertThat(a.spoken()).isEqualTo("气温回升二至四摄氏度，北风三至五级");
        assertThat(a.highlights())
                .extracting(Highlight::written, Highlight::spoken, Highlight::kind)
                .containsExactly(
                        tuple("２～４℃", "二至四摄氏度", Highlight.Kind.TEMPERATURE),
                        tuple("3-5", "三至五", Highlight.Kind.NUMBER));
    }

    @Test
    void timesAndPhonesKeepTheirKinds() {
        SpokenText.Annotated a = SpokenText.annotate("15:00解除，值班电话0737-4221234，第3次", "zh-CN", null);
        assertThat(a.highlights())
                .extracting(Highlight::written, Highlight::spoken, Highlight::kind)
                .containsExactly(
                        tuple("15:00", "十五点", Highlight.Kind.TIME),
                        tuple("0737-4221234", "零七三七，四二二幺二三四", Highlight.Kind.PHONE),
                        tuple("3", "三", Highlight.Kind.NUMBER));
    }

    @Test
    void aRewriteIsFoundInTheSpokenTextAfterNumbersBeforeItChangedLength() {
        String written = "气温-3℃，冇得事";
        int at = written.indexOf("冇得");
        SpokenText.Annotated a = SpokenText.annotate(written, "xiang", List.of(new Rewrite(at, at, "没有", "冇得")));
        Highlight rewrite = a.highlights().get(1);
        assertThat(rewrite.kind()).isEqualTo(Highlight.Kind.DIALECT);
        assertThat(a.spoken().substring(rewrite.start(), rewrite.end())).isEqualTo("冇得");
        assertThat(rewrite.written()).isEqualTo("没有");
    }

    @Test
    void englishNumbersAreSpelledOutAndMarkedWithoutPinyin() {
        SpokenText.Annotated a =
                SpokenText.annotate("Lows of -3C on 12 January 2030. Call 119; winds 3-5 m/s.", "en", null);
        assertThat(a.spoken())
                .isEqualTo("Lows of minus three degrees Celsius on the twelfth of January, twenty thirty. "
                        + "Call one one nine; winds three to five metres per second.");
        assertThat(a.syllables()).isEmpty();
        assertThat(a.highlights())
                .extracting(Highlight::written, Highlight::spoken, Highlight::kind, Highlight::pinyin)
                .containsExactly(
                        tuple("-3C", "minus three degrees Celsius", Highlight.Kind.TEMPERATURE, null),
                        tuple("12 January 2030", "the twelfth of January, twenty thirty", Highlight.Kind.DATE, null),
                        tuple("119", "one one nine", Highlight.Kind.PHONE, null),
                        tuple("3-5 m/s", "three to five metres per second", Highlight.Kind.NUMBER, null));
    }

    @Test
    void aFullStopAfterANumberDoesNotMakeItADecimal() {
        assertThat(SpokenText.of("For help, call 119.", "en")).isEqualTo("For help, call one one nine.");
        assertThat(SpokenText.of("Call 0737-4221234.", "en"))
                .isEqualTo("Call zero seven three seven, four two two one two three four.");
        assertThat(SpokenText.of("Winds of 3-5.", "en")).isEqualTo("Winds of three to five.");
        assertThat(SpokenText.of("Since 12 January 2030.", "en"))
                .isEqualTo("Since the twelfth of January, twenty thirty.");
        assertThat(SpokenText.of("请拨打119.", "zh-CN")).isEqualTo("请拨打幺幺九.");
        assertThat(SpokenText.of("值班电话13807371234.", "zh-CN")).isEqualTo("值班电话幺三八零七三七幺二三四.");
        // A decimal is still a decimal.
        assertThat(SpokenText.of("Rain of 12.5 mm.", "en")).isEqualTo("Rain of twelve point five millimetres.");
    }

    @Test
    void trackingGivesTheSameTextAsPlainNormalisation() {
        for (String s : List.of(
                "火警119，急救120",
                "2027年2月6日7:30至20时",
                "Ⅳ级预警，①号",
                "1300余家，5100万元，2人",
                "12.5毫米、0.5米、85%、120mm",
                "−5℃",
                "第3次，0737-4221234",
                "无数字")) {
            Tracked t = ChineseNormalizer.track(s);
            assertThat(t.text()).isEqualTo(SpokenText.of(s, "zh-CN"));
            // The changes cover the written text exactly: what is left between them is as written.
            int src = 0;
            int out = 0;
            for (Tracked.Change c : t.changes()) {
                assertThat(t.text().substring(out, c.spokenStart())).isEqualTo(s.substring(src, c.sourceStart()));
                src = c.sourceEnd();
                out = c.spokenEnd();
            }
            assertThat(t.text().substring(out)).isEqualTo(s.substring(src));
        }
    }
}
