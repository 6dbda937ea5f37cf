package dev.tocsin.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeTextTitlesTest {

    @Test
    void theFirstClauseWithoutSignatureOrMarkNamesTheNotice() {
        assertThat(FreeTextTitles.firstWords("【资阳区应急管理局】【演练】明天上午9点开展山洪避险转移演练，听到锣声请到村小学集合。"))
                .isEqualTo("明天上午9点开展山洪避险转移演练");
        assertThat(FreeTextTitles.firstWords("演练：明天上午9点开展演练。")).isEqualTo("明天上午9点开展演练");
        assertThat(FreeTextTitles.firstWords("紧急通知：今晚有大风，请收好晾晒衣物。")).isEqualTo("紧急通知：今晚有大风");
    }

    @Test
    void aLongClauseIsCutAtTwentyChineseCharactersOrAtAWordInEnglish() {
        assertThat(FreeTextTitles.firstWords("因上游水库泄洪新桥河镇沿河低洼地带的全体居民今晚务必转移到安置点"))
                .isEqualTo("因上游水库泄洪新桥河镇沿河低洼地带的全体…");
        assertThat(
                        FreeTextTitles.firstWords(
                                "Water from the upstream reservoir will be released tonight so everyone by the river must leave"))
                .isEqualTo("Water from the upstream reservoir will…");
        assertThat(FreeTextTitles.firstWords("Boil water. The mains are broken."))
                .isEqualTo("Boil water");
    }
}
