package dev.tocsin.compose.dialect;

import dev.tocsin.compose.spoken.Segmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a clause negates, read from its words: each negation is a kind ("don't", "cannot", "not
 * have / not yet", plain "not", or an A-not-A question such as 要不要) and its scope (the word
 * it applies to). The dialect guard compares this before and after a rewrite, so 没事 → 冇事
 * keeps its meaning while 要不要撤离 → 要莫撤离 ("must not evacuate") does not.
 */
final class Negations {

    enum Kind {
        PROHIBIT,
        CANNOT,
        NOT_HAVE,
        NOT,
        QUESTION
    }

    record Negation(Kind kind, String scope) {}

    /** Negation words by kind, Mandarin and Xiang. Longest match over consecutive words. */
    static final Map<String, Kind> WORDS = Map.ofEntries(
            Map.entry("不要", Kind.PROHIBIT),
            Map.entry("别", Kind.PROHIBIT),
            Map.entry("莫", Kind.PROHIBIT),
            Map.entry("勿", Kind.PROHIBIT),
            Map.entry("请勿", Kind.PROHIBIT),
            Map.entry("切勿", Kind.PROHIBIT),
            Map.entry("千万别", Kind.PROHIBIT),
            Map.entry("千万莫", Kind.PROHIBIT),
            Map.entry("千万不要", Kind.PROHIBIT),
            Map.entry("千万勿", Kind.PROHIBIT),
            Map.entry("不准", Kind.PROHIBIT),
            Map.entry("不许", Kind.PROHIBIT),
            Map.entry("严禁", Kind.PROHIBIT),
            Map.entry("禁止", Kind.PROHIBIT),
            Map.entry("不得", Kind.PROHIBIT),
            Map.entry("不可", Kind.PROHIBIT),
            Map.entry("甭", Kind.PROHIBIT),
            Map.entry("不用", Kind.PROHIBIT),
            Map.entry("不能", Kind.CANNOT),
            Map.entry("不可以", Kind.CANNOT),
            Map.entry("无法", Kind.CANNOT),
            Map.entry("不会", Kind.CANNOT),
            Map.entry("冇法", Kind.CANNOT),
            Map.entry("没有", Kind.NOT_HAVE),
            Map.entry("没", Kind.NOT_HAVE),
            Map.entry("冇", Kind.NOT_HAVE),
            Map.entry("冇得", Kind.NOT_HAVE),
            Map.entry("没得", Kind.NOT_HAVE),
            Map.entry("无", Kind.NOT_HAVE),
            Map.entry("未", Kind.NOT_HAVE),
            Map.entry("尚未", Kind.NOT_HAVE),
            Map.entry("毋", Kind.NOT_HAVE),
            Map.entry("不", Kind.NOT),
            Map.entry("非", Kind.NOT),
            Map.entry("并非", Kind.NOT),
            Map.entry("并不", Kind.NOT));

    /** Words that begin with a negation character but negate nothing here. */
    static final Set<String> NOT_NEGATIONS = Set.of(
            "非常", "不但", "不过", "不管", "无论", "别人", "别的", "别处", "不断", "不久", "未来", "无疑", "莫非", "不少", "不仅", "不如", "无数", "不时",
            "无比", "非法", "别墅", "莫名", "未必", "没准", "不然", "不止", "无意", "并且");

    private static final int LONGEST = 4;

    private Negations() {}

    /** The negations of one clause (no sentence punctuation inside), in order. */
    static List<Negation> of(String clause) {
        List<Negation> out = new ArrayList<>();
        List<Segmenter.Word> words = Segmenter.words(clause);
        boolean[] question = aNotA(clause);
        for (int i = 0; i < words.size(); i++) {
            Segmenter.Word w = words.get(i);
            int k = marked(question, w);
            if (k >= 0) {
                out.add(new Negation(Kind.QUESTION, clause.substring(k - 1, k)));
                // Skip the rest of the A-not-A (要不要, 有没有): it is the question, not a negation.
                int end = k + (clause.startsWith("没有", k) ? 2 : 1) + 1;
                while (i + 1 < words.size() && words.get(i + 1).start() < end) {
                    i++;
                }
                continue;
            }
            if (NOT_NEGATIONS.contains(w.text())) {
                continue;
            }
            // Longest run of whole words that is a negation word (不 + 要 = 不要).
            String joined = "";
            int last = -1;
            Kind kind = null;
            for (int j = i; j < words.size() && joined.length() < LONGEST; j++) {
                joined += words.get(j).text();
                if (WORDS.containsKey(joined)) {
                    kind = WORDS.get(joined);
                    last = j;
                }
            }
            if (kind != null) {
                String scope = last + 1 < words.size() ? words.get(last + 1).text() : "";
                out.add(new Negation(kind, scope));
                i = last;
                continue;
            }
            // A word that starts with a negation word: 没事, 无事, 冇事, 不要紧.
            for (int len = Math.min(LONGEST, w.text().length() - 1); len >= 1; len--) {
                Kind prefix = WORDS.get(w.text().substring(0, len));
                if (prefix != null) {
                    out.add(new Negation(prefix, w.text().substring(len)));
                    break;
                }
            }
        }
        return out;
    }

    private static int marked(boolean[] marks, Segmenter.Word w) {
        for (int k = w.start(); k < w.end(); k++) {
            if (marks[k]) {
                return k;
            }
        }
        return -1;
    }

    /** Marks the 不 or 没 of an A-not-A question (X不X, X没X, 有没有): the character before equals the one after. */
    private static boolean[] aNotA(String clause) {
        boolean[] marks = new boolean[clause.length() + 1];
        for (int k = 1; k + 1 < clause.length(); k++) {
            char c = clause.charAt(k);
            if ((c == '不' || c == '没') && clause.charAt(k - 1) == clause.charAt(k + 1)) {
                marks[k] = true;
            } else if (c == '没' && clause.startsWith("没有", k) && clause.charAt(k - 1) == '有') {
                marks[k] = true;
            }
        }
        return marks;
    }
}
