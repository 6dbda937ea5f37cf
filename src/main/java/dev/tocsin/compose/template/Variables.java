package dev.tocsin.compose.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tocsin.platform.problem.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks staff-supplied variable values against a template's variable rules and formats them
 * for a language. The formatted values are plain strings handed to Qute as data, so whatever
 * they contain (even "{inject:foo}") is printed, never evaluated.
 */
public final class Variables {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{1,19}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** Formatted values by variable name (absent optional values are ""), and every error found. */
    public record Checked(Map<String, String> formatted, List<Problem.FieldError> errors) {}

    private Variables() {}

    public static Checked check(
            List<TemplateDefinition.VariableDefinition> definitions, Map<String, JsonNode> values, String language) {
        Map<String, JsonNode> given = values == null ? Map.of() : values;
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, TemplateDefinition.VariableDefinition> byName = new LinkedHashMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                errors.add(new Problem.FieldError(
                        "variables." + name,
                        "unknown variable; this template has "
                                + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))));
            }
        }
        Map<String, String> formatted = new LinkedHashMap<>();
        for (TemplateDefinition.VariableDefinition d : definitions) {
            JsonNode value = given.get(d.name());
            if (isMissing(value) && d.defaultValue() != null) {
                value = TextNode.valueOf(d.defaultValue());
            }
            if (isMissing(value)) {
                if (d.required()) {
                    errors.add(new Problem.FieldError("variables." + d.name(), "is required"));
                }
                formatted.put(d.name(), "");
                continue;
            }
            try {
                formatted.put(d.name(), format(d, value, language));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("variables." + d.name(), e.getMessage()));
            }
        }
        return new Checked(formatted, errors);
    }

    /** Checks a variable's own rules (a pattern that compiles, min ≤ max, a valid default); null when fine. */
    static String checkDefinition(TemplateDefinition.VariableDefinition d) {
        if (d.pattern() != null) {
            try {
                Pattern.compile(d.pattern());
            } catch (PatternSyntaxException e) {
                return "pattern is not a valid regular expression: " + e.getDescription();
            }
        }
        if (d.min() != null && d.max() != null && d.min().compareTo(d.max()) > 0) {
            return "min must not exceed max";
        }
        if (Boolean.TRUE.equals(d.weekday()) && d.type() != VariableType.DATE) {
            return "weekday is only for date variables";
        }
        if (d.defaultValue() != null) {
            try {
                format(d, TextNode.valueOf(d.defaultValue()), "zh-CN");
            } catch (IllegalArgumentException e) {
                return "defaultValue " + e.getMessage();
            }
        }
        return null;
    }

    private static boolean isMissing(JsonNode v) {
        return v == null
                || v.isNull()
                || v.isMissingNode()
                || v.isTextual() && v.asText().isBlank();
    }

    private static String format(TemplateDefinition.VariableDefinition d, JsonNode value, String language) {
        return switch (d.type()) {
            case TEXT, AREA -> text(d, value);
            case PHONE -> phone(d, value);
            case NUMBER -> number(d, value, language);
            case DATE -> withWeekday(d, parseDate(value.isTextual() ? value.asText() : null), language);
            case DATE_RANGE -> dateRange(d, value, language);
            case TIME -> time(value);
        };
    }

    private static String text(TemplateDefinition.VariableDefinition d, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("must be text");
        }
        String s = value.asText().strip();
        int length = s.codePointCount(0, s.length());
        if (d.maxLength() != null && length > d.maxLength()) {
            throw new IllegalArgumentException("is " + length + " characters, at most " + d.maxLength() + " allowed");
        }
        if (d.pattern() != null && !Pattern.compile(d.pattern()).matcher(s).matches()) {
            throw new IllegalArgumentException("does not match the pattern " + d.pattern());
        }
        return s;
    }

    private static String phone(TemplateDefinition.VariableDefinition d, JsonNode value) {
        String s = value.isNumber()
                ? value.asText()
                : value.isTextual() ? value.asText().strip() : null;
        if (s == null || !PHONE.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "must be a phone number: digits, optionally a leading + and spaces or dashes");
        }
        return text(d, TextNode.valueOf(s));
    }

    private static String number(TemplateDefinition.VariableDefinition d, JsonNode value, String language) {
        BigDecimal n;
        try {
            n = value.isNumber()
                    ? value.decimalValue()
                    : new BigDecimal(value.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
        if (!value.isNumber() && !value.isTextual()) {
            throw new IllegalArgumentException("must be a number");
        }
        if (d.min() != null && n.compareTo(d.min()) < 0) {
            throw new IllegalArgumentException("must be at least " + d.min().toPlainString());
        }
        if (d.max() != null && n.compareTo(d.max()) > 0) {
            throw new IllegalArgumentException("must be at most " + d.max().toPlainString());
        }
        String unit =
                d.unit() == null ? "" : d.unit().getOrDefault(language, d.unit().getOrDefault("zh-CN", ""));
        return n.stripTrailingZeros().toPlainString() + unit;
    }

    private static LocalDate parseDate(String s) {
        if (s != null && s.strip().startsWith("@")) {
            throw new IllegalArgumentException(
                    "'" + s.strip() + "' takes its dates from a broadcast's schedule; here give a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(s == null ? "" : s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date YYYY-MM-DD");
        }
    }

    private static String withWeekday(TemplateDefinition.VariableDefinition d, LocalDate date, String language) {
        if (!Boolean.TRUE.equals(d.weekday())) {
            return date(date, language);
        }
        return "en".equals(language)
                ? date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " "
                        + date(date, language)
                : date(date, language) + WEEKDAYS_ZH.get(date.getDayOfWeek().getValue() - 1);
    }

    /** Written as said: 星期六, not 周六 or 礼拜六, which the loudspeaker reads the same way. */
    private static final List<String> WEEKDAYS_ZH = List.of("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日");

    private static String date(LocalDate d, String language) {
        return "en".equals(language)
                ? d.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH))
                : d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static String dateRange(TemplateDefinition.VariableDefinition d, JsonNode value, String language) {
        LocalDate from;
        LocalDate to;
        if (value.isObject()) {
            String unknown = stream(value)
                    .filter(f -> !f.equals("from") && !f.equals("to"))
                    .collect(Collectors.joining(", "));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("a date range has only 'from' and 'to', not " + unknown);
            }
            from = parseDate(value.path("from").isTextual() ? value.path("from").asText() : null);
            to = parseDate(value.path("to").isTextual() ? value.path("to").asText() : null);
        } else if (value.isTextual() && value.asText().strip().startsWith("@")) {
            throw new IllegalArgumentException("'" + value.asText().strip()
                    + "' takes its dates from a broadcast's schedule; here give {\"from\": date, \"to\": date}");
        } else if (value.isTextual() && value.asText().contains("/")) {
            String[] parts = value.asText().split("/", 2);
            from = parseDate(parts[0]);
            to = parseDate(parts[1]);
        } else {
            throw new IllegalArgumentException(
                    "must be {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"} or \"YYYY-MM-DD/YYYY-MM-DD\"");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("ends before it starts");
        }
        if (d.max() != null && to.toEpochDay() - from.toEpochDay() + 1 > d.max().longValue()) {
            throw new IllegalArgumentException("may span at most " + d.max().toPlainString() + " days");
        }
        if (from.equals(to)) {
            return date(from, language);
        }
        if ("en".equals(language)) {
            return from.getMonth() == to.getMonth() && from.getYear() == to.getYear()
                    ? from.getDayOfMonth() + "-" + date(to, language)
                    : date(from, language) + "-" + date(to, language);
        }
        return date(from, language) + "至"
                + (from.getMonth() == to.getMonth() && from.getYear() == to.getYear()
                        ? to.getDayOfMonth() + "日"
                        : date(to, language));
    }

    private static java.util.stream.Stream<String> stream(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static String time(JsonNode value) {
        try {
            return LocalTime.parse(value.asText().strip()).format(TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a time HH:MM");
        }
    }
}
