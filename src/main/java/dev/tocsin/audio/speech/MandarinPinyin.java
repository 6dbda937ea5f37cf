package dev.tocsin.audio.speech;

import java.util.Map;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Chinese text to tone-number pinyin for espeak-ng's {@code cmn-latn-pinyin} voice (its
 * {@code cmn} voice misreads characters). pinyin4j gives every reading of a character; the
 * first is usually right, and a small word table fixes the common polyphones in notices
 * (长 行 重 还 乐 着 得 为 处 ...). Digits are read as Chinese numbers; characters with no
 * reading (emoji, symbols) are dropped.
 */
public final class MandarinPinyin {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("长期", "chang2 qi1"), Map.entry("长时间", "chang2 shi2 jian1"),
            Map.entry("很长", "hen3 chang2"), Map.entry("延长", "yan2 chang2"), Map.entry("长途", "chang2 tu2"),
            Map.entry("长江", "chang2 jiang1"), Map.entry("银行", "yin2 hang2"), Map.entry("行业", "hang2 ye4"),
            Map.entry("重复", "chong2 fu4"), Map.entry("重新", "chong2 xin1"), Map.entry("重阳", "chong2 yang2"),
            Map.entry("归还", "gui1 huan2"), Map.entry("还款", "huan2 kuan3"), Map.entry("偿还", "chang2 huan2"),
            Map.entry("音乐", "yin1 yue4"), Map.entry("乐器", "yue4 qi4"), Map.entry("着火", "zhao2 huo3"),
            Map.entry("着凉", "zhao2 liang2"), Map.entry("睡着", "shui4 zhao2"), Map.entry("记得", "ji4 de5"),
            Map.entry("觉得", "jue2 de5"), Map.entry("因为", "yin1 wei4"), Map.entry("为了", "wei4 le5"),
            Map.entry("到处", "dao4 chu4"), Map.entry("各处", "ge4 chu4"), Map.entry("住处", "zhu4 chu4"),
            Map.entry("了解", "liao3 jie3"), Map.entry("首都", "shou3 du1"), Map.entry("测量", "ce4 liang2"),
            Map.entry("少年", "shao4 nian2"), Map.entry("投降", "tou2 xiang2"));
    private static final int LONGEST_WORD = 3;
    /** Characters pinyin4j lacks or reads wrong in notices; 冇 is Xiang/Cantonese for 没有. */
    private static final Map<Character, String> CHARACTERS = Map.of('冇', "mao3", '〇', "ling2");
    private static final HanyuPinyinOutputFormat FORMAT = format();

    private MandarinPinyin() {
    }

    public static String toPinyin(String text) {
        String withNumbers = ChineseNumbers.spellDigits(text);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < withNumbers.length()) {
            String word = longestWord(withNumbers, i);
            if (word != null) {
                append(out, WORDS.get(word));
                i += word.length();
                continue;
            }
            int cp = withNumbers.codePointAt(i);
            i += Character.charCount(cp);
            String syllable = reading(cp);
            if (syllable != null) {
                append(out, syllable);
            } else if ("。！？；!?;.".indexOf(cp) >= 0) {
                out.append(". ");
            } else if ("，、：,:".indexOf(cp) >= 0) {
                out.append(", ");
            } else if (Character.isWhitespace(cp)) {
                out.append(' ');
            }
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private static String longestWord(String text, int at) {
        for (int len = Math.min(LONGEST_WORD, text.length() - at); len >= 2; len--) {
            String candidate = text.substring(at, at + len);
            if (WORDS.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String reading(int cp) {
        if (cp > 0xFFFF) {
            return null;
        }
        char c = (char) cp;
        if (CHARACTERS.containsKey(c)) {
            return CHARACTERS.get(c);
        }
        if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
            return null;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(StringBuilder out, String syllables) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
        out.append(syllables).append(' ');
    }

    private static HanyuPinyinOutputFormat format() {
        HanyuPinyinOutputFormat f = new HanyuPinyinOutputFormat();
        f.setToneType(HanyuPinyinToneType.WITH_TONE_NUMBER);
        f.setVCharType(HanyuPinyinVCharType.WITH_V);
        f.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        return f;
    }
}
