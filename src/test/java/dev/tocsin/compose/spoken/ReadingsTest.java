package dev.tocsin.compose.spoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The polyphones of notices, read by word in citation tones. */
class ReadingsTest {

    private static String pinyin(String text) {
        return Readings.of(text).stream().map(Readings.Syllable::pinyin).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "长春|chang2 chun1",
                "乡长|xiang1 zhang3",
                "长期|chang2 qi1",
                "中毒|zhong4 du2",
                "中间|zhong1 jian1",
                "睡觉|shui4 jiao4",
                "觉得|jue2 de5",
                "还有|hai2 you3",
                "归还|gui1 huan2",
                "行人|xing2 ren2",
                "银行|yin2 hang2",
                "行长|hang2 zhang3",
                "降温|jiang4 wen1",
                "薄冰|bao2 bing1",
                "着火|zhao2 huo3",
                "着凉|zhao2 liang2",
                "重新|chong2 xin1",
                "重要|zhong4 yao4",
                "处理|chu3 li3",
                "供暖|gong1 nuan3",
                "调查|diao4 cha2",
                "调整|tiao2 zheng3",
                "更换|geng1 huan4",
                "更加|geng4 jia1",
                "空地|kong4 di4",
                "落实|luo4 shi2",
                "不得|bu4 de2",
                "降雨量|jiang4 yu3 liang4",
                "测量|ce4 liang2",
                "尽量|jin3 liang4",
                "应急|ying4 ji2",
                "为了|wei4 le5",
                "背风|bei4 feng1",
                "倒塌|dao3 ta1",
                "结冰|jie2 bing1",
                "数九|shu3 jiu3",
                "茈湖口|ci2 hu2 kou3",
                "幺幺九|yao1 yao1 jiu3",
                "冇事|mao3 shi4"
            })
    void wordsOfNoticesAreReadInContext(String word, String expected) {
        assertThat(pinyin(word)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "长春镇的乡长长期在村里|chang2 chun1 zhen4 de5 xiang1 zhang3 chang2 qi1 zai4 cun1 li3",
                "谨防一氧化碳中毒|jin3 fang2 yi1 yang3 hua4 tan4 zhong4 du2",
                "睡觉前关好门窗|shui4 jiao4 qian2 guan1 hao3 men2 chuang1",
                "茈湖口镇还有积水|ci2 hu2 kou3 zhen4 hai2 you3 ji1 shui3",
                "行人注意路面结冰|xing2 ren2 zhu4 yi4 lu4 mian4 jie2 bing1"
            })
    void sentencesKeepOneSyllablePerCharacterInOrder(String text, String expected) {
        assertThat(pinyin(text)).isEqualTo(expected);
        assertThat(Readings.of(text)).hasSize(text.length());
    }
}
