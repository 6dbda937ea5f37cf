package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MandarinPinyinTest {

    @Test
    void seedNoticeBecomesTonePinyin() {
        assertThat(MandarinPinyin.toPinyin("天寒地冻路面滑，冇事尽量少出门"))
                .isEqualTo("tian1 han2 di4 dong4 lu4 mian4 hua2 , mao3 shi4 jin3 liang4 shao3 chu1 men2");
    }

    @Test
    void commonPolyphonesAreReadByContext() {
        assertThat(MandarinPinyin.toPinyin("村长")).isEqualTo("cun1 zhang3");
        assertThat(MandarinPinyin.toPinyin("长时间")).isEqualTo("chang2 shi2 jian1");
        assertThat(MandarinPinyin.toPinyin("出行")).isEqualTo("chu1 xing2");
        assertThat(MandarinPinyin.toPinyin("银行")).isEqualTo("yin2 hang2");
        assertThat(MandarinPinyin.toPinyin("重要")).isEqualTo("zhong4 yao4");
        assertThat(MandarinPinyin.toPinyin("重复")).isEqualTo("chong2 fu4");
        assertThat(MandarinPinyin.toPinyin("还要")).isEqualTo("hai2 yao4");
        assertThat(MandarinPinyin.toPinyin("快乐")).isEqualTo("kuai4 le4");
        assertThat(MandarinPinyin.toPinyin("音乐")).isEqualTo("yin1 yue4");
        assertThat(MandarinPinyin.toPinyin("烤火记得开门窗")).isEqualTo("kao3 huo3 ji4 de5 kai1 men2 chuang1");
        assertThat(MandarinPinyin.toPinyin("防止着火")).isEqualTo("fang2 zhi3 zhao2 huo3");
    }

    @Test
    void numbersAreReadAsChineseNumbers() {
        assertThat(ChineseNumbers.spellDigits("零下5度")).isEqualTo("零下五度");
        assertThat(ChineseNumbers.spellDigits("12.5毫米")).isEqualTo("十二点五毫米");
        assertThat(ChineseNumbers.spellDigits("2027年")).isEqualTo("二千零二十七年");
        assertThat(ChineseNumbers.spellDigits("105户")).isEqualTo("一百零五户");
        assertThat(ChineseNumbers.spellDigits("40000人")).isEqualTo("四万人");
        assertThat(MandarinPinyin.toPinyin("3天")).isEqualTo("san1 tian1");
    }

    @Test
    void symbolsWithoutAReadingAreDropped() {
        assertThat(MandarinPinyin.toPinyin("注意😀☃安全")).isEqualTo("zhu4 yi4 an1 quan2");
        assertThat(MandarinPinyin.toPinyin("😀☃")).isEmpty();
    }
}
