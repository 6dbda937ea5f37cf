package dev.tocsin.duty;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a responsible person is on the roster, as the flood-control rules name the posts. */
public enum DutyRole {
    /** 乡镇主要负责人 */
    TOWNSHIP_HEAD("乡镇主要负责人", "主要负责人", "township head"),
    /** 村（社区）责任人 */
    VILLAGE_HEAD("村（社区）责任人", "责任人", "village head"),
    /** 网格员 */
    GRID_WORKER("网格员", "网格员", "grid worker"),
    /** 值班员 */
    DUTY_OFFICER("值班员", "值班员", "duty officer");

    private final String zh;
    private final String zhAfterArea;
    private final String en;

    DutyRole(String zh, String zhAfterArea, String en) {
        this.zh = zh;
        this.zhAfterArea = zhAfterArea;
        this.en = en;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The post's name as a message writes it after the area's name: 双山村责任人, 新桥镇主要负责人
     * (not 双山村村（社区）责任人); in English, "village head".
     */
    public String titleAfterArea(String language) {
        return "en".equals(language) ? en : zhAfterArea;
    }

    @JsonCreator
    public static DutyRole of(String value) {
        String v = value == null ? "" : value.strip();
        return Arrays.stream(values())
                .filter(r -> r.id().equalsIgnoreCase(v) || r.name().equalsIgnoreCase(v) || r.zh.equals(v))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of "
                        + Arrays.stream(values()).map(DutyRole::id).collect(Collectors.joining(", "))));
    }
}
