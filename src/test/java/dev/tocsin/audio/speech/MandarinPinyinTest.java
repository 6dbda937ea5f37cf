package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What espeak-ng's pinyin voice is given: normalised text, readings by word, tones as said. */
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
        assertThat(MandarinPinyin.toPinyin("银行行长")).isEqualTo("yin2 hang2 hang2 zhang3");
        assertThat(MandarinPinyin.toPinyin("重要")).isEqualTo("zhong4 yao4");
        assertThat(MandarinPinyin.toPinyin("重复")).isEqualTo("chong2 fu4");
        assertThat(MandarinPinyin.toPinyin("还要")).isEqualTo("hai2 yao4");
        assertThat(MandarinPinyin.toPinyin("音乐")).isEqualTo("yin1 yue4");
        assertThat(MandarinPinyin.toPinyin("防止着火")).isEqualTo("fang2 zhi3 zhao2 huo3");
        assertThat(MandarinPinyin.toPinyin("长春镇一氧化碳中毒")).isEqualTo("chang2 chun1 zhen4 yi4 yang3 hua4 tan4 zhong4 du2");
    }

    @Test
    void numbersTemperaturesAndPhonesAreSaidAsWritten() {
        assertThat(MandarinPinyin.toPinyin("最低气温-3℃")).isEqualTo("zui4 di1 qi4 wen1 ling2 xia4 san1 she4 shi4 du4");
        assertThat(MandarinPinyin.toPinyin("求助电话12345")).isEqualTo("qiu2 zhu4 dian4 hua4 yao1 er4 san1 si4 wu3");
        assertThat(MandarinPinyin.toPinyin("15:00解除")).isEqualTo("shi2 wu3 dian3 jie3 chu2");
        assertThat(MandarinPinyin.toPinyin("2027年")).isEqualTo("er4 ling2 er4 qi1 nian2");
        assertThat(MandarinPinyin.toPinyin("3天")).isEqualTo("san1 tian1");
    }

    @Test
    void toneSandhiIsAppliedForTheEngine() {
        // 不 before a fourth tone, 一 before a fourth and a first tone, 3-3 inside a word.
        assertThat(MandarinPinyin.toPinyin("不要")).isEqualTo("bu2 yao4");
        assertThat(MandarinPinyin.toPinyin("一定")).isEqualTo("yi2 ding4");
        assertThat(MandarinPinyin.toPinyin("一天")).isEqualTo("yi4 tian1");
        assertThat(MandarinPinyin.toPinyin("第一")).isEqualTo("di4 yi1");
        assertThat(MandarinPinyin.toPinyin("水果")).isEqualTo("shui2 guo3");
    }

    @Test
    void symbolsWithoutAReadingAreDropped() {
        assertThat(MandarinPinyin.toPinyin("注意😀☃安全")).isEqualTo("zhu4 yi4 an1 quan2");
        assertThat(MandarinPinyin.toPinyin("😀☃")).isEmpty();
    }
}
