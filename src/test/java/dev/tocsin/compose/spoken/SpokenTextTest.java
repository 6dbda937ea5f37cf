package dev.tocsin.compose.spoken;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpokenTextTest {

    private static String zh(String s) {
        return SpokenText.of(s, "zh-CN");
    }

    private static String en(String s) {
        return SpokenText.of(s, "en");
    }

    @Test
    void telephoneAndServiceNumbersAreReadDigitByDigitWithYao() {
        assertThat(zh("求助电话12345")).isEqualTo("求助电话幺二三四五");
        assertThat(zh("火警119，急救120")).isEqualTo("火警幺幺九，急救幺二零");
        assertThat(zh("请拨打110报警")).isEqualTo("请拨打幺幺零报警");
        assertThat(zh("值班电话：0737-4221234")).isEqualTo("值班电话：零七三七，四二二幺二三四");
        assertThat(zh("联系人手机13807371234")).isEqualTo("联系人手机幺三八零七三七幺二三四");
        assertThat(zh("供电服务热线95598")).isEqualTo("供电服务热线九五五九八");
    }

    @Test
    void quantitiesAreNumbersAndTwoBeforeAClassifierIsLiang() {
        assertThat(zh("全区1300余家企业")).isEqualTo("全区一千三百余家企业");
        assertThat(zh("下达资金5100万元")).isEqualTo("下达资金五千一百万元");
        assertThat(zh("转移群众10万人")).isEqualTo("转移群众十万人");
        assertThat(zh("造成2人受伤")).isEqualTo("造成两人受伤");
        assertThat(zh("已有2000人转移")).isEqualTo("已有两千人转移");
        assertThat(zh("119人")).isEqualTo("一百一十九人");
        assertThat(zh("持续2小时")).isEqualTo("持续两小时");
    }

    @Test
    void temperaturesKeepTheirSignAndUnit() {
        assertThat(zh("最低气温-3℃")).isEqualTo("最低气温零下三摄氏度");
        assertThat(zh("气温-10℃至-5℃")).isEqualTo("气温零下十摄氏度至零下五摄氏度");
        assertThat(zh("气温回升2～4℃")).isEqualTo("气温回升二至四摄氏度");
        assertThat(zh("最高气温12.5°C")).isEqualTo("最高气温十二点五摄氏度");
        assertThat(zh("降温8到10℃")).isEqualTo("降温八到十摄氏度");
    }

    @Test
    void rangesDecimalsPercentagesAndUnits() {
        assertThat(zh("北风3-5级")).isEqualTo("北风三至五级");
        assertThat(zh("阵风7～8级")).isEqualTo("阵风七至八级");
        assertThat(zh("降雨量12.5毫米")).isEqualTo("降雨量十二点五毫米");
        assertThat(zh("积水深0.5米")).isEqualTo("积水深零点五米");
        assertThat(zh("相对湿度85%")).isEqualTo("相对湿度百分之八十五");
        assertThat(zh("累计雨量120mm")).isEqualTo("累计雨量一百二十毫米");
        assertThat(zh("能见度不足200m")).isEqualTo("能见度不足二百米");
        assertThat(zh("风速17.2m/s")).isEqualTo("风速十七点二米每秒");
    }

    @Test
    void datesTimesAndYears() {
        assertThat(zh("2027年2月6日")).isEqualTo("二零二七年二月六日");
        assertThat(zh("12月3日至10日")).isEqualTo("十二月三日至十日");
        assertThat(zh("15:00解除")).isEqualTo("十五点解除");
        assertThat(zh("7:30集合")).isEqualTo("七点三十分集合");
        assertThat(zh("8:05出发")).isEqualTo("八点零五分出发");
        assertThat(zh("20时至次日8时")).isEqualTo("二十时至次日八时");
        assertThat(zh("凌晨2点")).isEqualTo("凌晨两点");
        assertThat(zh("2027-02-06")).isEqualTo("二零二七年二月六日");
    }

    @Test
    void warningLevelsOrdinalsAndCircledNumbers() {
        assertThat(zh("寒潮蓝色预警（Ⅳ级）")).isEqualTo("寒潮蓝色预警（四级）");
        assertThat(zh("启动IV级应急响应")).isEqualTo("启动四级应急响应");
        assertThat(zh("Ⅱ级响应")).isEqualTo("二级响应");
        assertThat(zh("第3次")).isEqualTo("第三次");
        assertThat(zh("第2号")).isEqualTo("第二号");
        assertThat(zh("①关好门窗②远离河道")).isEqualTo("一关好门窗二远离河道");
    }

    @Test
    void normalisingTwiceChangesNothing() {
        String once = zh("2027年2月6日15:00，最低气温-3℃，求助电话12345，2人受伤，北风3-5级");
        assertThat(zh(once)).isEqualTo(once);
        assertThat(once).doesNotContainPattern("[0-9]");
    }

    @Test
    void englishSaysMinusDegreesCelsiusDigitsAndTimes() {
        assertThat(en("Low of -3C tonight")).isEqualTo("Low of minus three degrees Celsius tonight");
        assertThat(en("Lows of -10°C to -5°C")).isEqualTo("Lows of minus ten to minus five degrees Celsius");
        assertThat(en("Call 119 for fire, 120 for ambulance"))
                .isEqualTo("Call one one nine for fire, one two zero for ambulance");
        assertThat(en("Hotline 12345")).isEqualTo("Hotline one two three four five");
        assertThat(en("Phone 0737-4221234")).isEqualTo("Phone zero seven three seven, four two two one two three four");
        assertThat(en("Lifted at 15:00, gather at 7:30"))
                .isEqualTo("Lifted at three o'clock in the afternoon, gather at seven thirty in the morning");
        assertThat(en("From 20:05 to 0:00, and again at 12:00"))
                .isEqualTo("From eight oh five in the evening to midnight, and again at noon");
        // Dates as a resident hears them, not "twenty to twenty-two Jan".
        assertThat(en("A cold wave reaches Changchun 20-22 Jan"))
                .isEqualTo("A cold wave reaches Changchun from the twentieth to the twenty-second of January");
        assertThat(en("Fireworks are banned from 6 February 2027"))
                .isEqualTo("Fireworks are banned from the sixth of February, twenty twenty-seven");
        assertThat(en("Schools close between 3 and 5 Feb; reopen on Feb 6th, 2027."))
                .isEqualTo("Schools close between the third and the fifth of February; reopen on February sixth, "
                        + "twenty twenty-seven.");
        assertThat(en("Market day is postponed")).isEqualTo("Market day is postponed");
        assertThat(en("1300 households, 2 people injured, 12.5 mm of rain, 85%"))
                .isEqualTo(
                        "one thousand three hundred households, two people injured, twelve point five millimetres of rain, eighty-five percent");
        assertThat(en("Winds force 3-5")).isEqualTo("Winds force three to five");
        assertThat(en("On 6 February 2027")).isEqualTo("On the sixth of February, twenty twenty-seven");
        assertThat(en("Since 2008, 1950 households"))
                .isEqualTo("Since two thousand and eight, one thousand nine hundred and fifty households");
        assertThat(en(en("Low of -3C at 7:30, call 119"))).isEqualTo(en("Low of -3C at 7:30, call 119"));
    }
}
