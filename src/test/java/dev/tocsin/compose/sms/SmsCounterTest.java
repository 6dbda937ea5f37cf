package dev.tocsin.compose.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsCounterTest {

    @Test
    void plainAsciiOf160CharactersIsOneGsmSegment() {
        SmsCount c = SmsCounter.count("a".repeat(160));
        assertThat(c.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(c.segments()).isEqualTo(1);
        assertThat(c.units()).isEqualTo(160);
        assertThat(c.nonGsmCharacters()).isEmpty();
    }

    @Test
    void gsmText161CharactersSplitsIntoTwoParts() {
        SmsCount c = SmsCounter.count("a".repeat(161));
        assertThat(c.segments()).isEqualTo(2);
        assertThat(SmsCounter.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsCounter.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void escapeCharactersCountTwoSeptets() {
        SmsCount c = SmsCounter.count("{}[]~^|\\€");
        assertThat(c.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(c.units()).isEqualTo(18);
        // 80 euro signs = 160 septets: still one part; one more character makes two.
        assertThat(SmsCounter.count("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(SmsCounter.count("€".repeat(80) + "a").segments()).isEqualTo(2);
    }

    @Test
    void escapePairIsNeverSplitAcrossParts() {
        // 152 plain septets then an escape pair: the pair does not fit in part one (153) and
        // moves whole to part two; 152 + 2 + 152 = 306 septets would be 2 parts if split freely.
        String text = "a".repeat(152) + "€" + "a".repeat(152);
        SmsCount c = SmsCounter.count(text);
        assertThat(c.units()).isEqualTo(306);
        assertThat(c.segments()).isEqualTo(3);
    }

    @Test
    void accentedLatinInTheGsmTableStaysGsm() {
        SmsCount c = SmsCounter.count("Café à Zürich: 5°");
        // The degree sign is not in GSM-7.
        assertThat(c.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(c.nonGsmCharacters()).containsExactly("°");
        assertThat(SmsCounter.count("Café à Zürich").encoding()).isEqualTo(SmsEncoding.GSM_7);
    }

    @Test
    void chineseForcesUcs2With70PerSingleMessage() {
        SmsCount seventy = SmsCounter.count("冷".repeat(70));
        assertThat(seventy.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(seventy.segments()).isEqualTo(1);
        assertThat(seventy.units()).isEqualTo(70);
        SmsCount seventyOne = SmsCounter.count("冷".repeat(71));
        assertThat(seventyOne.segments()).isEqualTo(2);
        assertThat(SmsCounter.count("冷".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsCounter.count("冷".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void emojiCountsTwoUnitsAndItsSurrogatePairIsNeverSplit() {
        SmsCount one = SmsCounter.count("⚠️🔥");
        assertThat(one.encoding()).isEqualTo(SmsEncoding.UCS_2);
        // U+26A0 + U+FE0F (BMP, one unit each) + U+1F525 (two units)
        assertThat(one.units()).isEqualTo(4);
        assertThat(one.nonGsmCharacters()).containsExactly("⚠", "\uFE0F", "🔥");
        assertThat(SmsCounter.count("🔥".repeat(35)).segments()).isEqualTo(1);
        // 66 units then an emoji: the pair moves whole to part two.
        String text = "冷".repeat(66) + "🔥" + "冷".repeat(66);
        SmsCount split = SmsCounter.count(text);
        assertThat(split.units()).isEqualTo(134);
        assertThat(split.segments()).isEqualTo(3);
    }

    @Test
    void mixedTextListsEveryCharacterThatForcedUcs2Once() {
        SmsCount c = SmsCounter.count("Cold wave 寒潮 alert, 寒潮!");
        assertThat(c.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(c.nonGsmCharacters()).containsExactly("寒", "潮");
        assertThat(c.units()).isEqualTo(23);
        // In UCS-2 the escape characters are ordinary single units.
        assertThat(SmsCounter.count("寒{").units()).isEqualTo(2);
    }

    @Test
    void signedChineseWarningOf71CharactersIsTwoSegments() {
        String body = "【资阳区应急管理局】" + "寒".repeat(61);
        assertThat(body.length()).isEqualTo(71);
        assertThat(SmsCounter.count(body).segments()).isEqualTo(2);
    }

    @Test
    void emptyBodyIsOneSegment() {
        assertThat(SmsCounter.count("").segments()).isEqualTo(1);
        assertThat(SmsCounter.count(null).units()).isZero();
    }
}
