package dev.tocsin.compose.calendar;

/** Dates that seasonal notices hang on. Lunar festivals move every year; see {@link SeasonalCalendar}. */
public enum Anchor {
    SPRING_FESTIVAL_EVE("除夕", "New Year's Eve"),
    SPRING_FESTIVAL("春节", "Spring Festival"),
    LANTERN_FESTIVAL("元宵节", "Lantern Festival"),
    QINGMING("清明", "Qingming"),
    DRAGON_BOAT_FESTIVAL("端午节", "Dragon Boat Festival"),
    MID_AUTUMN_FESTIVAL("中秋节", "Mid-Autumn Festival"),
    WINTER_SOLSTICE("冬至", "Winter Solstice"),
    HEATING_SEASON_START("取暖季开始", "Heating season starts"),
    HEATING_SEASON_END("取暖季结束", "Heating season ends");

    public final String chinese;
    public final String english;

    Anchor(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }
}
