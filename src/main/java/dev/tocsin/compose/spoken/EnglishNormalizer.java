package dev.tocsin.compose.spoken;

import java.util.regex.Pattern;

/**
 * Written English notice text to what is said: temperatures with minus and "degrees Celsius",
 * telephone numbers and 3-digit service numbers digit by digit, times, years, ranges,
 * percentages, decimals, units and other numbers in words. No digits are left, so normalising
 * twice changes nothing.
 */
public final class EnglishNormalizer {

    private static final String[] ONES = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final Pattern MINUS_SIGN = Pattern.compile("−");
    private static final String NUM = "[-−]?\\d+(?:\\.\\d+)?";

    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d.])(?:\\+?\\d{1,4}[-\\s])?\\d{2,4}[-\\s]\\d{3,8}(?:[-\\s]\\d{3,4})?(?!\\.\\d|[\\d])|(?<![\\d.])\\d{7,}(?!\\.\\d|[\\d])");
    private static final Pattern CUED = Pattern.compile(
            "(?i)(\\b(?:call|dial|phone|hotline|telephone|tel\\.?|ring|number|on)\\s*:?\\s*)(\\d{3,6})(?!\\.\\d|[\\d%])");
    private static final Pattern SERVICE = Pattern.compile(
            "(?<![\\d.])(110|119|120|122|911|999|112|12345)(?!\\.\\d|[\\d%])(?!\\s*(?:people|residents|households|homes|km|mm|m\\b|metres|meters))");
    private static final Pattern TEMPERATURE_RANGE = Pattern.compile(
            "(" + NUM + ")\\s*(?:°\\s*C|℃|C)?\\s*(?:to|-|–|~)\\s*(" + NUM + ")\\s*(?:°\\s*C|℃|C)(?![A-Za-z])");
    private static final Pattern TEMPERATURE =
            Pattern.compile("(?<![\\d.A-Za-z])(" + NUM + ")\\s*(?:°\\s*C|℃|C)(?![A-Za-z])");
    private static final Pattern CLOCK = Pattern.compile("(?<![\\d.])(\\d{1,2}):(\\d{2})(?![\\d:])");
    private static final String MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b\\.?";
    private static final String OPTIONAL_YEAR = "(?:,?\\s+((?:19|20)\\d{2})(?![\\d%]|\\.\\d))?";
    /** "20-22 Jan", "from 20 to 22 January 2027", "between 3 and 5 Feb". */
    private static final Pattern DAY_RANGE = Pattern.compile("(?i:(\\bfrom\\s+|\\bbetween\\s+))?(?<![\\d.])(\\d{1,2})"
            + "(?:st|nd|rd|th)?\\s*(?:-|–|~|(?i:to|and))\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + OPTIONAL_YEAR);
    /** "6 February 2027", "5 Feb". */
    private static final Pattern DAY_MONTH =
            Pattern.compile("(?<![\\d.:])(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + OPTIONAL_YEAR);
    /** "February 6", "Feb 6th, 2027". */
    private static final Pattern MONTH_DAY =
            Pattern.compile(MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.%]|\\s*(?:-|–|to)\\s*\\d)" + OPTIONAL_YEAR);
    /** A year only after a month, "in", "since" or "year": "1950 households" is a number. */
    private static final Pattern YEAR = Pattern.compile("(?i)(\\b(?:January|February|March|April|May|June|July|August|"
            + "September|October|November|December|in|since|year)\\s+)(19|20)(\\d{2})(?![\\d%]|\\.\\d)");

    private static final Pattern PERCENT = Pattern.compile("(" + NUM + ")\\s*%");
    private static final Pattern UNIT_RANGE = Pattern.compile(
            "(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(?:-|–|~|to)\\s*(\\d+(?:\\.\\d+)?)\\s*(km/h|m/s|mm|cm|km|kg|m)(?![A-Za-z])");
    private static final Pattern UNIT =
            Pattern.compile("(?<![\\d.])(" + NUM + ")\\s*(km/h|m/s|mm|cm|km|kg|m)(?![A-Za-z])");
    private static final Pattern RANGE =
            Pattern.compile("(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(?:-|–|~)\\s*(\\d+(?:\\.\\d+)?)(?!\\.\\d|[\\d])");
    private static final Pattern ORDINAL = Pattern.compile("(?<![\\d.])(\\d+)(?:st|nd|rd|th)\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\dA-Za-z.])" + NUM + "|\\d+(?:\\.\\d+)?");

    private EnglishNormalizer() {}

    public static String normalize(String text) {
        return track(text).text();
    }

    /** The normalised text, with where each change came from in {@code text}. */
    static Tracked track(String text) {
        Tracked s = new Tracked(text);
        s.replace(MINUS_SIGN, Highlight.Kind.NUMBER, m -> "-");
        // A phone number has at least seven digits; "100-200" is a range.
        s.replace(
                PHONE,
                Highlight.Kind.PHONE,
                m -> m.group().chars().filter(Character::isDigit).count() < 7 ? m.group() : digitByDigit(m.group()));
        s.replace(CUED, Highlight.Kind.PHONE, m -> m.group(1) + digitByDigit(m.group(2)));
        s.replace(SERVICE, Highlight.Kind.PHONE, m -> digitByDigit(m.group()));
        s.replace(
                TEMPERATURE_RANGE,
                Highlight.Kind.TEMPERATURE,
                m -> number(m.group(1)) + " to " + number(m.group(2)) + " degrees Celsius");
        s.replace(
                TEMPERATURE,
                Highlight.Kind.TEMPERATURE,
                m -> number(m.group(1)) + (isOne(m.group(1)) ? " degree Celsius" : " degrees Celsius"));
        s.replace(CLOCK, Highlight.Kind.TIME, m -> clock(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        // Dates as people say them: "from the twentieth to the twenty-second of January".
        s.replace(DAY_RANGE, Highlight.Kind.DATE, m -> {
            boolean between = m.group(1) != null && m.group(1).strip().equalsIgnoreCase("between");
            return (m.group(1) == null ? "from " : m.group(1)) + "the " + ordinal(Long.parseLong(m.group(2)))
                    + (between ? " and the " : " to the ") + ordinal(Long.parseLong(m.group(3))) + " of "
                    + month(m.group(4)) + yearAfter(m.group(5));
        });
        s.replace(
                DAY_MONTH,
                Highlight.Kind.DATE,
                m -> "the " + ordinal(Long.parseLong(m.group(1))) + " of " + month(m.group(2)) + yearAfter(m.group(3)));
        s.replace(
                MONTH_DAY,
                Highlight.Kind.DATE,
                m -> month(m.group(1)) + " " + ordinal(Long.parseLong(m.group(2))) + yearAfter(m.group(3)));
        s.replace(YEAR, Highlight.Kind.DATE, m -> m.group(1) + year(m.group(2), Integer.parseInt(m.group(3))));
        s.replace(PERCENT, Highlight.Kind.NUMBER, m -> number(m.group(1)) + " percent");
        s.replace(
                UNIT_RANGE,
                Highlight.Kind.NUMBER,
                m -> number(m.group(1)) + " to " + number(m.group(2)) + " " + unit(m.group(3), false));
        s.replace(UNIT, Highlight.Kind.NUMBER, m -> number(m.group(1)) + " " + unit(m.group(2), isOne(m.group(1))));
        s.replace(RANGE, Highlight.Kind.NUMBER, m -> number(m.group(1)) + " to " + number(m.group(2)));
        s.replace(ORDINAL, Highlight.Kind.NUMBER, m -> ordinal(Long.parseLong(m.group(1))));
        s.replace(NUMBER, Highlight.Kind.NUMBER, m -> number(m.group()));
        return s;
    }

    private static boolean isOne(String n) {
        return n.equals("1") || n.equals("-1");
    }

    static String digitByDigit(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ' && b.charAt(b.length() - 1) != ',') {
                    b.append(' ');
                }
                b.append(ONES[c - '0']);
            } else if (c == '-' || c == ' ') {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ',') {
                    b.append(',');
                }
            } else if (c == '+') {
                b.append("plus");
            }
        }
        return b.toString().replace(",", ", ").replaceAll("\\s+", " ").strip();
    }

    static String number(String n) {
        String s = n.replace('−', '-');
        String sign = "";
        if (s.startsWith("-")) {
            sign = "minus ";
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
            return sign + (s.length() > 15 ? digitByDigit(s) : words(Long.parseLong(s)));
        }
        return sign + words(Long.parseLong(s.substring(0, dot))) + " point " + digitByDigit(s.substring(dot + 1));
    }

    static String words(long n) {
        if (n < 20) {
            return ONES[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : "-" + ONES[(int) (n % 10)]);
        }
        if (n < 1000) {
            return ONES[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " and " + words(n % 100));
        }
        long[] scales = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1000L};
        String[] names = {"trillion", "billion", "million", "thousand"};
        for (int i = 0; i < scales.length; i++) {
            if (n >= scales[i]) {
                long rest = n % scales[i];
                return words(n / scales[i]) + " " + names[i]
                        + (rest == 0 ? "" : rest < 100 ? " and " + words(rest) : " " + words(rest));
            }
        }
        throw new IllegalStateException();
    }

    /** A 24-hour time as residents say it: "three o'clock in the afternoon", "seven thirty in the morning". */
    private static String clock(int h, int m) {
        if (h > 23 || m > 59) {
            return words(h) + " " + words(m);
        }
        if (m == 0 && h == 0) {
            return "midnight";
        }
        if (m == 0 && h == 12) {
            return "noon";
        }
        int twelve = h % 12 == 0 ? 12 : h % 12;
        String time =
                m == 0 ? words(twelve) + " o'clock" : words(twelve) + " " + (m < 10 ? "oh " + words(m) : words(m));
        String part = h == 0 ? "at night" : h < 12 ? "in the morning" : h < 18 ? "in the afternoon" : "in the evening";
        return time + " " + part;
    }

    private static String month(String written) {
        String w = written.replace(".", "").toLowerCase(java.util.Locale.ROOT);
        for (String full : new String[] {
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December"
        }) {
            if (full.toLowerCase(java.util.Locale.ROOT).startsWith(w.length() >= 3 ? w.substring(0, 3) : w)) {
                return full;
            }
        }
        return written;
    }

    private static String yearAfter(String year) {
        return year == null ? "" : ", " + year(year.substring(0, 2), Integer.parseInt(year.substring(2)));
    }

    private static String year(String century, int rest) {
        String first = words(Integer.parseInt(century));
        if (rest == 0) {
            return century.equals("20") ? "two thousand" : first + " hundred";
        }
        if (century.equals("20") && rest < 10) {
            return "two thousand and " + words(rest);
        }
        return first + " " + (rest < 10 ? "oh " + words(rest) : words(rest));
    }

    private static String unit(String u, boolean one) {
        String name = switch (u) {
            case "km/h" -> "kilometres per hour";
            case "m/s" -> "metres per second";
            case "mm" -> "millimetres";
            case "cm" -> "centimetres";
            case "km" -> "kilometres";
            case "kg" -> "kilograms";
            default -> "metres";
        };
        return one && !name.contains(" per ")
                ? name.substring(0, name.length() - 1)
                : one ? name.replaceFirst("s ", " ") : name;
    }

    private static String ordinal(long n) {
        String w = words(n);
        String[][] irregular = {
            {"one", "first"},
            {"two", "second"},
            {"three", "third"},
            {"five", "fifth"},
            {"eight", "eighth"},
            {"nine", "ninth"},
            {"twelve", "twelfth"}
        };
        for (String[] p : irregular) {
            if (w.endsWith(p[0])) {
                return w.substring(0, w.length() - p[0].length()) + p[1];
            }
        }
        return w.endsWith("y") ? w.substring(0, w.length() - 1) + "ieth" : w + "th";
    }
}
