package dev.tocsin.compose.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconTest {

    private final Lexicon xiang = new Lexicon(Map.of(
            "没事", "冇事", "不要", "莫", "不要紧张", "莫紧张", "什么", "么子", "干什么", "搞么子",
            "孩子", "伢子", "小孩子", "细伢子", "很", "蛮", "吃", "呷", "知道", "晓得"),
            Set.of("吃亏", "不要紧", "事故"));

    @Test
    void rewritesEveryMandarinWordAndListsThePositions() {
        Lexicon.Result r = xiang.rewrite("没事不要出门，今天很冷。");
        assertThat(r.text()).isEqualTo("冇事莫出门，今天蛮冷。");
        assertThat(r.rewrites()).containsExactly(
                new Rewrite(0, 0, "没事", "冇事"),
                new Rewrite(2, 2, "不要", "莫"),
                new Rewrite(9, 8, "很", "蛮"));
    }

    @Test
    void longestMatchWinsOverAShorterWordAtTheSamePlace() {
        assertThat(xiang.rewrite("你干什么").text()).isEqualTo("你搞么子");
        assertThat(xiang.rewrite("小孩子知道").text()).isEqualTo("细伢子晓得");
        // A longer lexicon word beats a shorter protected one: 不要紧张 is not 不要紧 + 张.
        assertThat(xiang.rewrite("不要紧张").text()).isEqualTo("莫紧张");
    }

    @Test
    void protectedWordsAreNeverRewrittenOrCutInto() {
        assertThat(xiang.rewrite("莫吃亏，吃饭").text()).isEqualTo("莫吃亏，呷饭");
        assertThat(xiang.rewrite("问题不要紧").text()).isEqualTo("问题不要紧");
        // 没事 would cut into the protected 事故.
        Lexicon.Result r = xiang.rewrite("没事故发生");
        assertThat(r.text()).isEqualTo("没事故发生");
        assertThat(r.rewrites()).isEmpty();
    }

    @Test
    void overlappingCandidatesAreResolvedLeftToRight() {
        // 什么 and 么子 overlap in the output only; the input 什么孩子 holds two adjacent words.
        Lexicon.Result r = xiang.rewrite("什么孩子很吃香");
        assertThat(r.text()).isEqualTo("么子伢子蛮呷香");
        assertThat(r.rewrites()).extracting(Rewrite::from).containsExactly("什么", "孩子", "很", "吃");
        assertThat(r.rewrites()).extracting(Rewrite::outputPosition).containsExactly(0, 2, 4, 5);
    }

    @Test
    void textWithoutLexiconWordsIsUnchanged() {
        Lexicon.Result r = xiang.rewrite("Cold wave: stay home.");
        assertThat(r.text()).isEqualTo("Cold wave: stay home.");
        assertThat(r.rewrites()).isEmpty();
        assertThat(Lexicon.empty().rewrite("没事").text()).isEqualTo("没事");
    }
}
