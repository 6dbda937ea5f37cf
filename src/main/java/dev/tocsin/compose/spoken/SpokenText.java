package dev.tocsin.compose.spoken;

import dev.tocsin.compose.dialect.Rewrite;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one step from written notice text to what is said, shared by every speech engine, the
 * phrase bank and the previews: Chinese ({@link ChineseNormalizer}) or English
 * ({@link EnglishNormalizer}). Idempotent. {@link #annotate} also says which stretches are read
 * other than as written, for the approver to check.
 */
public final class SpokenText {

    /** What may stand between two parts of one date or time: 2030年1月20日至22日 is one stretch. */
    private static final Pattern DATE_JOINER = Pattern.compile("[年月日号至到—－~～\\s-]{0,3}");

    private static final String DATE_UNITS = "年月日号时点分";

    private SpokenText() {}

    /**
     * The spoken text with its readings and highlights.
     *
     * @param syllables one per spoken Chinese character (empty for English)
     * @param highlights in order, never overlapping
     */
    public record Annotated(String spoken, List<Readings.Syllable> syllables, List<Highlight> highlights) {}

    /** By the script of the text: Chinese when it has a Chinese character, English otherwise. */
    public static String auto(String text) {
        if (text == null) {
            return null;
        }
        return text.codePoints().anyMatch(Readings::isHan)
                ? ChineseNormalizer.normalize(text)
                : EnglishNormalizer.normalize(text);
    }

    /** @param language a language tag; {@code en...} is English, anything else Chinese */
    public static String of(String text, String language) {
        if (text == null) {
            return null;
        }
        return english(language) ? EnglishNormalizer.normalize(text) : ChineseNormalizer.normalize(text);
    }

    /**
     * What is said for a script, and the stretches an approver should check: numbers, dates,
     * times, telephone numbers and temperatures as normalised; for Chinese, place names from the
     * dictionary and words with a character read other than in its usual reading; and the
     * dialect's rewrites.
     *
     * @param written the script as the engines get it (after any dialect rewriting)
     * @param rewrites the dialect's rewrites, positions in {@code written} (may be null)
     */
    public static Annotated annotate(String written, String language, List<Rewrite> rewrites) {
        boolean english = english(language);
        Tracked t = english ? EnglishNormalizer.track(written) : ChineseNormalizer.track(written);
        String spoken = t.text();
        List<Highlight> out = new ArrayList<>();
        Tracked.Change open = null;
        for (Tracked.Change c : t.changes()) {
            if (open != null && joins(open, c, written, spoken)) {
                open = new Tracked.Change(
                        open.sourceStart(), c.sourceEnd(), open.spokenStart(), c.spokenEnd(), open.kind());
                continue;
            }
            if (open != null) {
                out.add(highlight(open, written, spoken));
            }
            open = c;
        }
        if (open != null) {
            out.add(highlight(open, written, spoken));
        }
        for (Rewrite rw : rewrites == null ? List.<Rewrite>of() : rewrites) {
            int at = rw.outputPosition();
            if (at < 0 || at + rw.to().length() > written.length() || !written.startsWith(rw.to(), at)) {
                continue;
            }
            int[] r = t.spokenRange(at, at + rw.to().length());
            if (r[1] > r[0] && free(out, r[0], r[1])) {
                out.add(new Highlight(
                        r[0], r[1], rw.from(), spoken.substring(r[0], r[1]), Highlight.Kind.DIALECT, null));
            }
        }
        List<Readings.Syllable> syllables = english ? List.of() : Readings.of(spoken);
        if (!english) {
            readingHighlights(syllables, spoken, out);
            out = withPinyin(out, syllables);
        }
        out.sort(Comparator.comparingInt(Highlight::start));
        return new Annotated(spoken, syllables, List.copyOf(out));
    }

    private static boolean english(String language) {
        return language != null && language.startsWith("en");
    }

    private static boolean joins(Tracked.Change a, Tracked.Change b, String written, String spoken) {
        boolean dateOrTime =
                a.kind() == b.kind() && (a.kind() == Highlight.Kind.DATE || a.kind() == Highlight.Kind.TIME);
        return dateOrTime
                && DATE_JOINER
                        .matcher(written.substring(a.sourceEnd(), b.sourceStart()))
                        .matches()
                && spoken.substring(a.spokenEnd(), b.spokenStart())
                        .equals(written.substring(a.sourceEnd(), b.sourceStart()));
    }

    private static Highlight highlight(Tracked.Change c, String written, String spoken) {
        // The unit after a date's last number belongs to it: 22日, not 22 and then 日.
        if (c.kind() == Highlight.Kind.DATE || c.kind() == Highlight.Kind.TIME) {
            int n = 0;
            while (c.sourceEnd() + n < written.length()
                    && c.spokenEnd() + n < spoken.length()
                    && DATE_UNITS.indexOf(written.charAt(c.sourceEnd() + n)) >= 0
                    && written.charAt(c.sourceEnd() + n) == spoken.charAt(c.spokenEnd() + n)
                    && n < 1) {
                n++;
            }
            c = new Tracked.Change(c.sourceStart(), c.sourceEnd() + n, c.spokenStart(), c.spokenEnd() + n, c.kind());
        }
        return new Highlight(
                c.spokenStart(),
                c.spokenEnd(),
                written.substring(c.sourceStart(), c.sourceEnd()),
                spoken.substring(c.spokenStart(), c.spokenEnd()),
                c.kind(),
                null);
    }

    /** Place names from the dictionary, and words with a character not in its usual reading. */
    private static void readingHighlights(List<Readings.Syllable> syllables, String spoken, List<Highlight> out) {
        Map<String, String> places = Readings.placeNames();
        int i = 0;
        while (i < syllables.size()) {
            int j = i;
            while (j + 1 < syllables.size()
                    && syllables.get(j + 1).word() == syllables.get(i).word()) {
                j++;
            }
            List<Readings.Syllable> word = syllables.subList(i, j + 1);
            i = j + 1;
            int start = word.get(0).at();
            int end = word.get(word.size() - 1).at() + 1;
            String text = spoken.substring(start, end);
            if (!free(out, start, end)) {
                continue;
            }
            if (places.containsKey(text)) {
                out.add(new Highlight(start, end, text, text, Highlight.Kind.PLACE_NAME, null));
            } else if (word.stream().anyMatch(SpokenText::unusual)) {
                out.add(new Highlight(start, end, text, text, Highlight.Kind.POLYPHONE, null));
            }
        }
    }

    /**
     * A character read other than on its own (中 zhong4 in 中毒, 着 zhao2 in 着火). A neutral tone
     * is left out: 的, 地, 得 and word endings are read lightly everywhere, which is not worth checking.
     */
    private static boolean unusual(Readings.Syllable s) {
        if (s.pinyin().endsWith("5") || s.text().length() != 1) {
            return false;
        }
        String usual = Readings.usualReading(s.text().charAt(0));
        return usual != null && !usual.equals(s.pinyin());
    }

    private static boolean free(List<Highlight> taken, int start, int end) {
        return taken.stream().noneMatch(h -> h.start() < end && start < h.end());
    }

    private static List<Highlight> withPinyin(List<Highlight> highlights, List<Readings.Syllable> syllables) {
        List<Highlight> out = new ArrayList<>(highlights.size());
        for (Highlight h : highlights) {
            StringBuilder py = new StringBuilder();
            for (Readings.Syllable s : syllables) {
                if (s.at() >= h.start() && s.at() < h.end()) {
                    py.append(py.length() == 0 ? "" : " ").append(s.pinyin());
                }
            }
            out.add(new Highlight(
                    h.start(), h.end(), h.written(), h.spoken(), h.kind(), py.length() == 0 ? null : py.toString()));
        }
        return out;
    }
}
