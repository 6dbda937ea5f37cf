package dev.tocsin.compose.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A date may say its day of the week, written as residents say it. */
class VariablesWeekdayTest {

    private static TemplateDefinition.VariableDefinition date(String name, VariableType type, Boolean weekday) {
        return new TemplateDefinition.VariableDefinition(
                name, type, true, Map.of("zh-CN", "日期"), null, null, null, null, null, null, weekday);
    }

    @Test
    void aDateWithItsWeekdayInChineseAndEnglish() {
        var startDate = date("startDate", VariableType.DATE, true);
        var plain = date("plain", VariableType.DATE, null);
        var values = Map.<String, com.fasterxml.jackson.databind.JsonNode>of(
                "startDate", TextNode.valueOf("2027-02-13"), "plain", TextNode.valueOf("2027-02-13"));
        Variables.Checked zh = Variables.check(java.util.List.of(startDate, plain), values, "zh-CN");
        assertThat(zh.errors()).isEmpty();
        assertThat(zh.formatted()).containsEntry("startDate", "2月13日星期六").containsEntry("plain", "2月13日");
        Variables.Checked en = Variables.check(java.util.List.of(startDate), values, "en");
        assertThat(en.formatted()).containsEntry("startDate", "Saturday 13 Feb");
        // Sunday is 星期日 (written and read so; 星期天 is spoken but not used in notices).
        Variables.Checked sunday = Variables.check(
                java.util.List.of(startDate), Map.of("startDate", TextNode.valueOf("2027-02-14")), "zh-CN");
        assertThat(sunday.formatted()).containsEntry("startDate", "2月14日星期日");
    }

    @Test
    void weekdayOnAnythingButADateIsRefusedInTheDefinition() {
        assertThat(Variables.checkDefinition(date("period", VariableType.DATE_RANGE, true)))
                .isEqualTo("weekday is only for date variables");
        assertThat(Variables.checkDefinition(date("day", VariableType.DATE, true)))
                .isNull();
    }
}
