package dev.tocsin.compose.spoken;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Readings of Chinese text in context: the text is cut into words (place names of the
 * district kept whole), and each word is read from, in order, the place-name dictionary, the
 * override table below (words HanLP reads wrong, such as 行长 and 乡长) and HanLP's word
 * pinyin; a character no dictionary knows falls back to pinyin4j's first reading. Pinyin is in
 * citation tones with numbers (5 = neutral), ü written v. {@link #sandhi} gives the tones as said.
 */
public final class Readings {

    /**
     * One spoken syllable: the character and its pinyin, e.g. 长 chang2; {@code word} numbers the
     * word it is in, {@code at} is its index in the text.
     */
    public record Syllable(String text, String pinyin, int word, int at) {}

    /** Words whose reading HanLP's dictionary gets wrong, or notice words pinned to be safe. */
    static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("行长", "hang2 zhang3"),
            Map.entry("乡长", "xiang1 zhang3"),
            Map.entry("村长", "cun1 zhang3"),
            Map.entry("镇长", "zhen4 zhang3"),
            Map.entry("县长", "xian4 zhang3"),
            Map.entry("市长", "shi4 zhang3"),
            Map.entry("组长", "zu3 zhang3"),
            Map.entry("队长", "dui4 zhang3"),
            Map.entry("站长", "zhan4 zhang3"),
            Map.entry("校长", "xiao4 zhang3"),
            Map.entry("家长", "jia1 zhang3"),
            Map.entry("所长", "suo3 zhang3"),
            Map.entry("局长", "ju2 zhang3"),
            Map.entry("区长", "qu1 zhang3"),
            Map.entry("厂长", "chang3 zhang3"),
            Map.entry("班长", "ban1 zhang3"),
            Map.entry("院长", "yuan4 zhang3"),
            Map.entry("处长", "chu4 zhang3"),
            Map.entry("科长", "ke1 zhang3"),
            Map.entry("社长", "she4 zhang3"),
            Map.entry("船长", "chuan2 zhang3"),
            Map.entry("网格长", "wang3 ge2 zhang3"),
            Map.entry("河长", "he2 zhang3"),
            Map.entry("林长", "lin2 zhang3"),
            Map.entry("长春", "chang2 chun1"),
            Map.entry("长期", "chang2 qi1"),
            Map.entry("中毒", "zhong4 du2"),
            Map.entry("冇", "mao3"),
            Map.entry("呷", "xia1"),
            Map.entry("幺", "yao1"),
            Map.entry("症状", "zheng4 zhuang4"),
            Map.entry("是否", "shi4 fou3"),
            Map.entry("禁放", "jin4 fang4"),
            Map.entry("看管", "kan1 guan3"),
            Map.entry("结果", "jie2 guo3"),
            Map.entry("〇", "ling2"),
            Map.entry("一氧化碳", "yi1 yang3 hua4 tan4"),
            Map.entry("数九", "shu3 jiu3"),
            Map.entry("背风", "bei4 feng1"),
            Map.entry("空地", "kong4 di4"),
            Map.entry("不得", "bu4 de2"),
            Map.entry("尽量", "jin3 liang4"),
            Map.entry("为了", "wei4 le5"),
            Map.entry("应急", "ying4 ji2"),
            Map.entry("供暖", "gong1 nuan3"),
            Map.entry("薄冰", "bao2 bing1"),
            Map.entry("着凉", "zhao2 liang2"),
            Map.entry("着火", "zhao2 huo3"),
            Map.entry("降雨量", "jiang4 yu3 liang4"),
            Map.entry("雨量", "yu3 liang4"),
            Map.entry("冰冻", "bing1 dong4"),
            Map.entry("暖和", "nuan3 huo5"),
            Map.entry("结冰", "jie2 bing1"),
            Map.entry("地处", "di4 chu3"),
            Map.entry("处置", "chu3 zhi4"),
            Map.entry("相处", "xiang1 chu3"),
            Map.entry("长沙", "chang2 sha1"),
            Map.entry("朝阳", "chao2 yang2"));

    /**
     * Dialect words the segmenter does not know (and a few phrases it cuts badly), kept whole (longest match) so that 细伢子 is not
     * cut into 细伢 + 子 and read with a full tone.
     */
    static final Map<String, String> DIALECT_WORDS = Map.ofEntries(
            Map.entry("冇得", "mao3 de5"),
            Map.entry("冇事", "mao3 shi4"),
            Map.entry("伢子", "ya2 zi5"),
            Map.entry("细伢子", "xi4 ya2 zi5"),
            Map.entry("么子", "mo2 zi5"),
            Map.entry("咯里", "ge2 li5"),
            Map.entry("咯只", "ge2 zhi1"),
            Map.entry("咯些", "ge2 xie1"),
            Map.entry("而今", "er2 jin1"),
            Map.entry("困觉", "kun4 jiao4"),
            Map.entry("夜里", "ye4 li5"),
            Map.entry("搞么子", "gao3 mo2 zi5"),
            Map.entry("么样", "mo2 yang4"),
            Map.entry("么样搞", "mo2 yang4 gao3"),
            // Mandarin phrases the segmenter cuts so that a polyphone loses its word.
            Map.entry("看管好", "kan1 guan3 hao3"));

    private static final String NUMERALS = "零一二两三四五六七八九十百千万幺";

    /** Characters whose reading alone in HanLP's dictionary is not their everyday one. */
    private static final Map<Character, String> USUAL = Map.of('血', "xue4");

    private static final Map<Character, String> USUAL_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static final AtomicReference<Map<String, String>> PLACE_NAMES =
            new AtomicReference<>(toMap(PlaceNames.read(java.nio.file.Path.of(PlaceNames.CLASSPATH))));
    private static final HanyuPinyinOutputFormat FORMAT = format();

    private Readings() {}

    /** Makes the district's place names (packaged and added by staff) the ones used for readings. */
    static void usePlaceNames(Map<String, String> readings) {
        PLACE_NAMES.set(Map.copyOf(readings));
    }

    public static Map<String, String> placeNames() {
        return PLACE_NAMES.get();
    }

    /** The syllables of spoken Chinese text, one per Chinese character, in order. */
    public static List<Syllable> of(String spoken) {
        Map<String, String> places = PLACE_NAMES.get();
        java.util.Set<String> whole = new java.util.HashSet<>(places.keySet());
        whole.addAll(DIALECT_WORDS.keySet());
        List<Syllable> out = new ArrayList<>();
        int wordNo = 0;
        for (Segmenter.Word w : Segmenter.words(spoken, whole)) {
            wordNo++;
            String fixed = places.containsKey(w.text())
                    ? places.get(w.text())
                    : DIALECT_WORDS.containsKey(w.text()) ? DIALECT_WORDS.get(w.text()) : OVERRIDES.get(w.text());
            // 为 standing alone before a number is the verb "to be" (时间为九点, 雨量为八十五毫米): wei2.
            if (fixed == null
                    && w.text().equals("为")
                    && w.end() < spoken.length()
                    && NUMERALS.indexOf(spoken.charAt(w.end())) >= 0) {
                fixed = "wei2";
            }
            if (fixed != null) {
                String[] py = fixed.split(" ");
                for (int k = 0; k < py.length; k++) {
                    out.add(new Syllable(w.text().substring(k, k + 1), py[k], wordNo, w.start() + k));
                }
                continue;
            }
            if (w.text().chars().noneMatch(Readings::isHan)) {
                continue;
            }
            List<Pinyin> py = HanLP.convertToPinyinList(w.text());
            for (int k = 0; k < w.text().length(); k++) {
                char c = w.text().charAt(k);
                if (!isHan(c)) {
                    continue;
                }
                String own = OVERRIDES.get(String.valueOf(c));
                String reading = own != null
                        ? own
                        : k < py.size() && !py.get(k).name().startsWith("none")
                                ? py.get(k).name()
                                : fallback(c);
                if (reading != null) {
                    out.add(new Syllable(String.valueOf(c), reading, wordNo, w.start() + k));
                }
            }
        }
        return out;
    }

    /**
     * Tones as said in Mandarin: 不 before a fourth tone becomes bu2; 一 becomes yi2 before a fourth
     * tone and yi4 before other tones, except when it counts or orders (第一, 十一, 一月, 二零二一);
     * within a word, a third tone before a third tone becomes a second tone.
     */
    public static List<String> sandhi(List<Syllable> syllables) {
        List<String> out = new ArrayList<>(syllables.size());
        for (int i = 0; i < syllables.size(); i++) {
            Syllable s = syllables.get(i);
            // Only a syllable right beside this one counts (none across punctuation).
            Syllable next =
                    i + 1 < syllables.size() && syllables.get(i + 1).at() == s.at() + 1 ? syllables.get(i + 1) : null;
            Syllable prev = i > 0 && syllables.get(i - 1).at() == s.at() - 1 ? syllables.get(i - 1) : null;
            String py = s.pinyin();
            int nextTone = next == null ? 0 : tone(next.pinyin());
            if (s.text().equals("不") && py.equals("bu4") && nextTone == 4) {
                py = "bu2";
            } else if (s.text().equals("一") && py.equals("yi1") && next != null && !counting(prev, next)) {
                py = nextTone == 4 ? "yi2" : nextTone >= 1 && nextTone <= 3 ? "yi4" : py;
            } else if (tone(py) == 3 && next != null && next.word() == s.word() && nextTone == 3) {
                py = py.substring(0, py.length() - 1) + "2";
            }
            out.add(py);
        }
        return out;
    }

    /**
     * How a character is read on its own, without a word around it (长 chang2, 中 zhong1, 着 zhe5):
     * the reading a speech engine without context would give; null when no dictionary knows it.
     */
    public static String usualReading(char c) {
        String known = USUAL.get(c);
        if (known != null) {
            return known;
        }
        String r = USUAL_CACHE.computeIfAbsent(c, k -> {
            List<Pinyin> py = HanLP.convertToPinyinList(String.valueOf(k));
            String own = py.isEmpty() || py.get(0).name().startsWith("none")
                    ? fallback(k)
                    : py.get(0).name();
            return own == null ? "" : own;
        });
        return r.isEmpty() ? null : r;
    }

    private static boolean counting(Syllable prev, Syllable next) {
        String numerals = "零一二两三四五六七八九十幺";
        return prev != null && (prev.text().equals("第") || numerals.contains(prev.text()))
                || numerals.contains(next.text())
                || "月日号点楼".contains(next.text());
    }

    private static int tone(String pinyin) {
        char c = pinyin.charAt(pinyin.length() - 1);
        return c >= '1' && c <= '5' ? c - '0' : 5;
    }

    static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static String fallback(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> toMap(List<PlaceNames.PlaceName> names) {
        Map<String, String> m = new java.util.HashMap<>();
        names.forEach(p -> m.put(p.name(), p.pinyin()));
        return m;
    }

    private static HanyuPinyinOutputFormat format() {
        HanyuPinyinOutputFormat f = new HanyuPinyinOutputFormat();
        f.setToneType(HanyuPinyinToneType.WITH_TONE_NUMBER);
        f.setVCharType(HanyuPinyinVCharType.WITH_V);
        f.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        return f;
    }
}
