package dev.tocsin.compose.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconTest {

    private final Lexicon xiang = new Lexicon(
            Map.of(
                    "没事", "冇事", "不要", "莫", "不要紧张", "莫紧张", "什么", "么子", "干什么", "搞么子", "孩子", "伢子", "小孩子", "细伢子", "很", "蛮",
                    "吃", "呷", "知道", "晓得"),
            Set.of("吃亏", "不要紧", "事故"));

    /** The packaged Xiang profile, with its contexts and protected words. */
    private final Lexicon packaged = DialectRegistry.fromClasspath().stream()
            .filter(p -> p.id().equals("xiang-yiyang"))
            .findFirst()
            .orElseThrow()
            .lexicon();

    @Test
    void rewritesEveryMandarinWordAndListsThePositions() {
        Lexicon.Result r = xiang.rewrite("没事不要出门，今天很冷。");
        assertThat(r.text()).isEqualTo("冇事莫出门，今天蛮冷。");
        assertThat(r.rewrites())
                .containsExactly(
                        new Rewrite(0, 0, "没事", "冇事"), new Rewrite(2, 2, "不要", "莫"), new Rewrite(9, 8, "很", "蛮"));
        assertThat(r.refusals()).isEmpty();
    }

    @Test
    void rulesApplyToWholeWordsNeverInsideOne() {
        // 吃 is a rule, but 吃饭 and 口吃 are words of their own.
        assertThat(xiang.rewrite("你干什么").text()).isEqualTo("你搞么子");
        assertThat(xiang.rewrite("小孩子知道").text()).isEqualTo("细伢子晓得");
        assertThat(xiang.rewrite("口吃的人").text()).isEqualTo("口吃的人");
        assertThat(xiang.rewrite("问题不要紧").text()).isEqualTo("问题不要紧");
        assertThat(xiang.rewrite("不要紧张，听从指挥").text()).isEqualTo("莫紧张，听从指挥");
    }

    @Test
    void theQuestionWantOrNotIsNeverTurnedIntoDont() {
        Lexicon.Result r = packaged.rewrite("要不要撤离，听从指挥。");
        assertThat(r.text()).isEqualTo("要不要撤离，听从指挥。");
        assertThat(r.rewrites()).isEmpty();
        assertThat(r.refusals()).extracting(Refusal::from).contains("不要");
    }

    @Test
    void theNegationGuardAloneRefusesWantOrNotToDont() {
        // A rule without context: only the guard stands between 要不要 and 要莫.
        Lexicon bare = new Lexicon(Map.of("不要", "莫"), Set.of());
        Lexicon.Result r = bare.rewrite("要不要撤离");
        assertThat(r.text()).isEqualTo("要不要撤离");
        assertThat(r.refusals()).singleElement().satisfies(f -> {
            assertThat(f.from()).isEqualTo("不要");
            assertThat(f.reason()).contains("negated");
        });
        // The same rule before a verb keeps its meaning and passes.
        assertThat(bare.rewrite("不要外出").text()).isEqualTo("莫外出");
    }

    @Test
    void theGuardLetsSameNegationsThroughAndRefusesFlips() {
        Lexicon l = new Lexicon(Map.of("没事", "冇事", "无事", "冇事", "没有", "冇得", "不要", "要", "禁止", "可以"), Set.of());
        assertThat(l.rewrite("没事不出门").text()).isEqualTo("冇事不出门");
        assertThat(l.rewrite("无事不要外出").text()).isEqualTo("冇事不要外出");
        assertThat(l.rewrite("没有发现险情").text()).isEqualTo("冇得发现险情");
        // A (wrong) rule that drops a "don't" or a "forbidden" is refused.
        assertThat(l.rewrite("不要下河游泳").text()).isEqualTo("不要下河游泳");
        assertThat(l.rewrite("禁止燃放烟花").text()).isEqualTo("禁止燃放烟花");
        assertThat(l.rewrite("禁止燃放烟花").refusals())
                .singleElement()
                .extracting(Refusal::reason)
                .asString()
                .contains("negated");
    }

    @Test
    void numbersPlaceNamesProtectedWordsAndTheKeyInstructionAreNeverRewritten() {
        Lexicon l = new Lexicon(Map.of("119", "幺幺九", "益阳", "益阳市", "很", "蛮", "吃", "呷", "不要", "莫"), Set.of("吃亏"));
        assertThat(l.rewrite("请拨打119").text()).isEqualTo("请拨打119");
        assertThat(l.rewrite("请拨打119").refusals())
                .extracting(Refusal::reason)
                .containsExactly("numbers are never rewritten");
        assertThat(l.rewrite("益阳很冷").text()).isEqualTo("益阳蛮冷");
        Lexicon.Result place = new Lexicon(Map.of("湖口", "湖边"), Set.of())
                .rewrite("茈湖口镇", new Lexicon.Protection(Set.of("茈湖口镇"), List.of()));
        assertThat(place.text()).isEqualTo("茈湖口镇");
        Lexicon.Result key = l.rewrite("天气很冷。不要下河。", new Lexicon.Protection(Set.of(), List.of("不要下河。")));
        assertThat(key.text()).isEqualTo("天气蛮冷。不要下河。");
        assertThat(key.refusals())
                .extracting(Refusal::reason)
                .containsExactly("the key instruction is kept as written");
    }

    @Test
    void thePackagedXiangProfileKeepsTheIssueSentencesIntact() {
        assertThat(packaged.rewrite("要不要撤离，听从指挥。非常时期请留在家中").text()).isEqualTo("要不要撤离，听从指挥。非常时期请留在家中");
        assertThat(packaged.rewrite("口吃").text()).isEqualTo("口吃");
        assertThat(packaged.rewrite("问题不要紧").text()).isEqualTo("问题不要紧");
        // Where the words mean what the rules are for, they apply.
        assertThat(packaged.rewrite("天气非常寒冷，小孩子不要玩火，没事不要外出。").text()).isEqualTo("天气蛮寒冷，细伢子莫玩火，冇事莫外出。");
        // 很 only as a degree word: 很多 stays a word of its own unless listed.
        assertThat(packaged.rewrite("今天很冷").text()).isEqualTo("今日蛮冷");
    }

    @Test
    void textWithoutLexiconWordsIsUnchanged() {
        Lexicon.Result r = xiang.rewrite("Cold wave: stay home.");
        assertThat(r.text()).isEqualTo("Cold wave: stay home.");
        assertThat(r.rewrites()).isEmpty();
        assertThat(Lexicon.empty().rewrite("没事").text()).isEqualTo("没事");
    }
}
