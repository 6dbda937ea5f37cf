package dev.tocsin.audio.speech;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces Arabic numerals in Chinese text with their spoken form (5 -> 五, 12.5 -> 十二点五). */
public final class ChineseNumbers {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
    private static final String DIGITS = "零一二三四五六七八九";
    private static final String[] UNITS = {"", "十", "百", "千"};

    private ChineseNumbers() {
    }

    public static String spellDigits(String text) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String spoken = m.group(1).length() <= 8 ? integer(Long.parseLong(m.group(1))) : digitByDigit(m.group(1));
            if (m.group(2) != null) {
                spoken += "点" + digitByDigit(m.group(2));
            }
            m.appendReplacement(out, spoken);
        }
        m.appendTail(out);
        return out.toString();
    }

    static String integer(long n) {
        if (n == 0) {
            return "零";
        }
        if (n >= 10_000) {
            long high = n / 10_000;
            long low = n % 10_000;
            String rest = low == 0 ? "" : (low < 1000 ? "零" : "") + belowTenThousand((int) low, false);
            return belowTenThousand((int) high, true) + "万" + rest;
        }
        return belowTenThousand((int) n, true);
    }

    private static String belowTenThousand(int n, boolean leading) {
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        for (int pos = 3; pos >= 0; pos--) {
            int d = (n / (int) Math.pow(10, pos)) % 10;
            if (d == 0) {
                pendingZero = out.length() > 0;
                continue;
            }
            if (pendingZero) {
                out.append('零');
                pendingZero = false;
            }
            // "十二" rather than "一十二" when ten is the leading unit.
            if (!(d == 1 && pos == 1 && out.length() == 0 && leading)) {
                out.append(DIGITS.charAt(d));
            }
            out.append(UNITS[pos]);
        }
        return out.toString();
    }

    private static String digitByDigit(String digits) {
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(DIGITS.charAt(c - '0'));
        }
        return out.toString();
    }
}
