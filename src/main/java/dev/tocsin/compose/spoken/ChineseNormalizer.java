package dev.tocsin.compose.spoken;

import java.util.regex.Pattern;

/**
 * Written Chinese notice text to what is said, by context: telephone and service numbers digit
 * by digit (1 as 幺), years digit by digit, dates and times, temperatures with sign and unit,
 * ranges, decimals, percentages, units, Roman and circled numerals, ordinals and quantities
 * (2人 → 两人). The result has no Arabic digits left, so normalising twice changes nothing.
 * Rules run in the order below; each rule's output is Chinese, so later rules never re-read it.
 */
public final class ChineseNormalizer {

    private static final String DIGITS = "零一二三四五六七八九";
    private static final String PHONE_DIGITS = "零幺二三四五六七八九";
    private static final String NUMERAL_CHARS = "零一二两三四五六七八九十百千万亿点";

    private static final String NUM = "-?\\d+(?:\\.\\d+)?";
    private static final String CUE = "(?:电话|热线|拨打|报警|火警|匪警|急救|求助|咨询|举报|联系|致电|号码|呼叫|手机|座机|值班室|服务台|平台)";
    private static final String SERVICE =
            "(?:110|119|120|122|12345|12315|12369|12350|12395|12119|12320|12366|12333|12358|12310|12312|12328|12306|95598|96110|96119)";
    private static final String CLASSIFIER = "(?:[个名人户家处辆台间座栋条只次天日岁把件项所位组批盏根艘头口亩趟场起顿周遍床箱袋桶顶吨元斤]|小时|公里|公斤)";

    private static final Pattern FULL_WIDTH_DIGIT = Pattern.compile("[０-９]");
    private static final Pattern MINUS_SIGN = Pattern.compile("−");
    private static final Pattern ROMAN_OR_CIRCLED = Pattern.compile("[Ⅰ-Ⅻⅰ-ⅻ①-⑳]");
    private static final Pattern AREA_PHONE =
            Pattern.compile("(?<![\\d.])(0\\d{2,3})[-－—\\s]?(\\d{7,8})(?!\\.\\d|[\\d])");
    private static final Pattern MOBILE =
            Pattern.compile("(?<![\\d.])(1[3-9]\\d)[-\\s]?(\\d{4})[-\\s]?(\\d{4})(?!\\.\\d|[\\d])");
    private static final Pattern CUED_NUMBER =
            Pattern.compile("(" + CUE + "[：:\\s“\"]*)(\\d{3,12})(?!\\.\\d|[\\d%％年月日号点分万亿元余多]|\\s*" + CLASSIFIER + ")");
    private static final Pattern SERVICE_NUMBER = Pattern.compile(
            "(?<![\\d.])" + SERVICE + "(?!\\.\\d|[\\d%％年月日号时点分万亿元余多A-Za-z℃°度米级]|\\s*" + CLASSIFIER + ")");
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![\\d.])\\d{7,}(?!\\.\\d|[\\d万亿元])");
    private static final Pattern FULL_DATE =
            Pattern.compile("(?<!\\d)(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?!\\d)");
    private static final Pattern YEAR = Pattern.compile("(?<![\\d.])(\\d{4})(?=\\s*年)");
    private static final Pattern MONTH_DAY = Pattern.compile("(?<![\\d.])(\\d{1,2})(?=\\s*[月日号])");
    private static final Pattern CLOCK = Pattern.compile("(?<![\\d.])(\\d{1,2})[:：](\\d{2})(?![\\d:：])");
    private static final Pattern HOUR = Pattern.compile("(?<![\\d.])(\\d{1,2})(?=\\s*[时点](?![间期代]))");
    private static final Pattern TEMPERATURE_RANGE =
            Pattern.compile("(" + NUM + ")\\s*(℃|°C|°c|摄氏度|度)?\\s*(至|到|~|～|-|－|—)\\s*(" + NUM + ")\\s*(℃|°C|°c|摄氏度)");
    private static final Pattern TEMPERATURE = Pattern.compile("(?<![\\d.])(" + NUM + ")\\s*(℃|°C|°c|摄氏度)");
    private static final Pattern DEGREES = Pattern.compile("(?<![\\d.])(-\\d+(?:\\.\\d+)?)\\s*度");
    private static final Pattern PERCENT = Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*[%％]");
    private static final Pattern ROMAN_LEVEL = Pattern.compile("(?<![A-Za-z])(IV|III|II|I|V)(?=\\s*(?:级|类|档))");
    private static final Pattern UNIT =
            Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(km/h|m/s|m³/s|m3/s|mm|cm|km|kg|m³|m²|m)(?![A-Za-z])");
    private static final Pattern RANGE =
            Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(?:~|～|-|－|—)\\s*(\\d+(?:\\.\\d+)?)(?!\\.\\d|[\\d])");
    private static final Pattern ORDINAL = Pattern.compile("第\\s*(\\d+)");
    private static final Pattern QUANTITY =
            Pattern.compile("(?<![\\d.])(\\d+)(?=\\s*(?:余|多)?\\s*(?:" + CLASSIFIER + "|[万千百亿]))");
    private static final Pattern NEGATIVE = Pattern.compile("(?<![\\dA-Za-z.])[-−](\\d+(?:\\.\\d+)?)");
    private static final Pattern DECIMAL = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");
    private static final Pattern NUMERAL_RANGE =
            Pattern.compile("(?<=[" + NUMERAL_CHARS + "])\\s*(?:~|～|—|－)\\s*(?=[" + NUMERAL_CHARS + "负百零])");

    private ChineseNormalizer() {}

    public static String normalize(String text) {
        return track(text).text();
    }

    /** The normalised text, with where each change came from in {@code text}. */
    static Tracked track(String text) {
        Tracked s = new Tracked(text);
        s.replace(
                FULL_WIDTH_DIGIT,
                Highlight.Kind.NUMBER,
                m -> String.valueOf((char) ('0' + m.group().charAt(0) - '０')));
        s.replace(MINUS_SIGN, Highlight.Kind.NUMBER, m -> "-");
        s.replace(AREA_PHONE, Highlight.Kind.PHONE, m -> phone(m.group(1)) + "，" + phone(m.group(2)));
        s.replace(MOBILE, Highlight.Kind.PHONE, m -> phone(m.group(1)) + phone(m.group(2)) + phone(m.group(3)));
        s.replace(CUED_NUMBER, Highlight.Kind.PHONE, m -> m.group(1) + phone(m.group(2)));
        s.replace(SERVICE_NUMBER, Highlight.Kind.PHONE, m -> phone(m.group()));
        s.replace(
                FULL_DATE,
                Highlight.Kind.DATE,
                m -> digits(m.group(1)) + "年" + integer(m.group(2)) + "月" + integer(m.group(3)) + "日");
        s.replace(YEAR, Highlight.Kind.DATE, m -> digits(m.group(1)));
        s.replace(CLOCK, Highlight.Kind.TIME, m -> hour(m.group(1)) + "点" + minutes(m.group(2)));
        s.replace(MONTH_DAY, Highlight.Kind.DATE, m -> integer(m.group(1)));
        s.replace(HOUR, Highlight.Kind.TIME, m -> hour(m.group(1)));
        s.replace(LONG_NUMBER, Highlight.Kind.PHONE, m -> phone(m.group()));
        s.replace(
                TEMPERATURE_RANGE,
                Highlight.Kind.TEMPERATURE,
                m -> temperature(m.group(1))
                        + (m.group(2) == null ? "" : unit(m.group(2)))
                        + separator(m.group(3))
                        + temperature(m.group(4))
                        + unit(m.group(5)));
        s.replace(TEMPERATURE, Highlight.Kind.TEMPERATURE, m -> temperature(m.group(1)) + unit(m.group(2)));
        s.replace(DEGREES, Highlight.Kind.TEMPERATURE, m -> temperature(m.group(1)) + "度");
        s.replace(PERCENT, Highlight.Kind.NUMBER, m -> "百分之" + decimal(m.group(1)));
        s.replace(
                ROMAN_OR_CIRCLED, Highlight.Kind.NUMBER, m -> numeral(m.group().charAt(0)));
        s.replace(ROMAN_LEVEL, Highlight.Kind.NUMBER, m -> switch (m.group(1)) {
            case "I" -> "一";
            case "II" -> "二";
            case "III" -> "三";
            case "IV" -> "四";
            default -> "五";
        });
        s.replace(UNIT, Highlight.Kind.NUMBER, m -> decimal(m.group(1)) + unitName(m.group(2)));
        s.replace(RANGE, Highlight.Kind.NUMBER, m -> decimal(m.group(1)) + "至" + decimal(m.group(2)));
        s.replace(ORDINAL, Highlight.Kind.NUMBER, m -> "第" + integer(m.group(1)));
        s.replace(QUANTITY, Highlight.Kind.NUMBER, m -> quantity(m.group(1)));
        s.replace(NEGATIVE, Highlight.Kind.NUMBER, m -> "负" + decimal(m.group(1)));
        s.replace(DECIMAL, Highlight.Kind.NUMBER, m -> decimal(m.group()));
        s.replace(
                INTEGER,
                Highlight.Kind.NUMBER,
                m -> m.group().length() > 1 && m.group().startsWith("0") ? digits(m.group()) : integer(m.group()));
        s.replace(NUMERAL_RANGE, Highlight.Kind.NUMBER, m -> "至");
        return s;
    }

    /** Telephone and service numbers: digit by digit, 1 as 幺 so it is not heard as 七. */
    static String phone(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(PHONE_DIGITS.charAt(c - '0'));
            }
        }
        return b.toString();
    }

    /** Years and codes: digit by digit (2027 → 二零二七). */
    static String digits(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) {
            b.append(DIGITS.charAt(c - '0'));
        }
        return b.toString();
    }

    static String integer(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        if (d.length() > 12) {
            return digits(d);
        }
        return integer(Long.parseLong(d));
    }

    static String integer(long n) {
        if (n == 0) {
            return "零";
        }
        if (n >= 100_000_000L) {
            long high = n / 100_000_000L;
            long low = n % 100_000_000L;
            return integer(high) + "亿" + (low == 0 ? "" : (low < 10_000_000L ? "零" : "") + below(low, false));
        }
        return below(n, true);
    }

    /** Below 10^8: [thousands of 万] 万 [rest]. */
    private static String below(long n, boolean leading) {
        if (n >= 10_000) {
            long high = n / 10_000;
            long low = n % 10_000;
            String rest = low == 0 ? "" : (low < 1000 ? "零" : "") + belowTenThousand((int) low, false);
            return belowTenThousand((int) high, leading) + "万" + rest;
        }
        return belowTenThousand((int) n, leading);
    }

    private static String belowTenThousand(int n, boolean leading) {
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        int[] powers = {1000, 100, 10, 1};
        String[] units = {"千", "百", "十", ""};
        for (int k = 0; k < 4; k++) {
            int d = (n / powers[k]) % 10;
            if (d == 0) {
                pendingZero = out.length() > 0;
                continue;
            }
            if (pendingZero) {
                out.append('零');
                pendingZero = false;
            }
            // 十二 rather than 一十二 when ten leads the number.
            if (!(d == 1 && k == 2 && out.length() == 0 && leading)) {
                out.append(DIGITS.charAt(d));
            }
            out.append(units[k]);
        }
        return out.toString();
    }

    static String decimal(String number) {
        int dot = number.indexOf('.');
        if (dot < 0) {
            return integer(number);
        }
        return integer(number.substring(0, dot)) + "点" + digits(number.substring(dot + 1));
    }

    /** A count before a classifier: 2 is 两 (两人, 两千, 两万), other numbers as written. */
    static String quantity(String number) {
        String n = integer(number);
        if (n.equals("二")) {
            return "两";
        }
        if (n.length() > 1 && n.charAt(0) == '二' && "千万亿".indexOf(n.charAt(1)) >= 0) {
            return "两" + n.substring(1);
        }
        return n;
    }

    private static String hour(String h) {
        return Integer.parseInt(h) == 2 ? "两" : integer(h);
    }

    private static String minutes(String mm) {
        int m = Integer.parseInt(mm);
        if (m == 0) {
            return "";
        }
        return (m < 10 ? "零" : "") + integer(m) + "分";
    }

    private static String temperature(String number) {
        return number.startsWith("-") ? "零下" + decimal(number.substring(1)) : decimal(number);
    }

    private static String unit(String unit) {
        return unit.equals("度") ? "度" : "摄氏度";
    }

    private static String separator(String written) {
        return written.equals("到") ? "到" : "至";
    }

    private static String unitName(String unit) {
        return switch (unit) {
            case "km/h" -> "公里每小时";
            case "m/s" -> "米每秒";
            case "m³/s", "m3/s" -> "立方米每秒";
            case "mm" -> "毫米";
            case "cm" -> "厘米";
            case "km" -> "公里";
            case "kg" -> "千克";
            case "m³" -> "立方米";
            case "m²" -> "平方米";
            default -> "米";
        };
    }

    /** Ⅳ → 四, ⑤ → 五: these characters are only ever numerals. */
    private static String numeral(char c) {
        if (c >= 'Ⅰ' && c <= 'Ⅻ') {
            return integer(c - 'Ⅰ' + 1);
        }
        if (c >= 'ⅰ' && c <= 'ⅻ') {
            return integer(c - 'ⅰ' + 1);
        }
        return integer(c - '①' + 1);
    }
}
