package dev.tocsin.compose.spoken;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Chinese word segmentation (HanLP portable, Viterbi with its core dictionary). HanLP's custom
 * dictionary is left off: it joins phrases such as 很冷 and 别去 into one "word", which hides
 * the words dialect rules and the negation guard look at. Words given as {@code fixed} (place
 * names, locked phrases) are kept whole by longest match before the rest is segmented.
 * Thread-safe.
 */
public final class Segmenter {

    /** A word of the text: {@code start} is its UTF-16 index; {@code nature} HanLP's tag (ns = place). */
    public record Word(String text, int start, String nature) {
        public int end() {
            return start + text.length();
        }
    }

    private static final Segment SEGMENT = HanLP.newSegment().enableCustomDictionary(false);

    private Segmenter() {}

    public static List<Word> words(String text) {
        return words(text, List.of());
    }

    /** Words of the text, in order, covering every character; {@code fixed} words get nature {@code ns}. */
    public static List<Word> words(String text, Collection<String> fixed) {
        List<Word> out = new ArrayList<>();
        int longest = 0;
        for (String f : fixed) {
            longest = Math.max(longest, f.length());
        }
        int gapStart = 0;
        int i = 0;
        while (i < text.length()) {
            String match = null;
            for (int len = Math.min(longest, text.length() - i); len >= 2 && match == null; len--) {
                String candidate = text.substring(i, i + len);
                if (fixed.contains(candidate)) {
                    match = candidate;
                }
            }
            if (match == null) {
                i++;
                continue;
            }
            segment(text.substring(gapStart, i), gapStart, out);
            out.add(new Word(match, i, "ns"));
            i += match.length();
            gapStart = i;
        }
        segment(text.substring(gapStart), gapStart, out);
        return out;
    }

    private static void segment(String part, int offset, List<Word> out) {
        if (part.isEmpty()) {
            return;
        }
        int cursor = 0;
        for (Term t : SEGMENT.seg(part)) {
            int at = part.indexOf(t.word, cursor);
            if (at < 0) {
                // HanLP normalised a character: fall back to the characters as written.
                at = cursor;
            }
            if (at > cursor) {
                out.add(new Word(part.substring(cursor, at), offset + cursor, "w"));
            }
            int end = Math.min(part.length(), at + t.word.length());
            out.add(new Word(part.substring(at, end), offset + at, t.nature == null ? "x" : t.nature.toString()));
            cursor = end;
        }
        if (cursor < part.length()) {
            out.add(new Word(part.substring(cursor), offset + cursor, "w"));
        }
    }
}
