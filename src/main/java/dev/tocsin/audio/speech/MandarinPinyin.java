package dev.tocsin.audio.speech;

import dev.tocsin.compose.spoken.ChineseNormalizer;
import dev.tocsin.compose.spoken.Readings;
import java.util.List;

/**
 * Chinese text to the tone-number pinyin espeak-ng's {@code cmn-latn-pinyin} voice reads (its
 * {@code cmn} voice misreads characters): the text is normalised ({@link ChineseNormalizer}:
 * numbers, dates, temperatures, phone numbers as said), read by word ({@link Readings}: place
 * names, overrides, HanLP word pinyin) and given the tones as said ({@link Readings#sandhi}).
 * Sentence and clause punctuation become pauses; characters with no reading (emoji, symbols,
 * Latin letters) are dropped.
 */
public final class MandarinPinyin {

    private MandarinPinyin() {}

    public static String toPinyin(String text) {
        String spoken = ChineseNormalizer.normalize(text);
        List<Readings.Syllable> syllables = Readings.of(spoken);
        List<String> said = Readings.sandhi(syllables);
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < spoken.length(); i++) {
            char c = spoken.charAt(i);
            if (next < syllables.size() && syllables.get(next).text().charAt(0) == c) {
                out.append(said.get(next++)).append(' ');
            } else if ("。！？；!?;.".indexOf(c) >= 0) {
                out.append(". ");
            } else if ("，、：,:".indexOf(c) >= 0) {
                out.append(", ");
            } else if (Character.isWhitespace(c)) {
                out.append(' ');
            }
        }
        return out.toString().replaceAll("\\s+", " ").replaceAll("^[ ,.]+", "").trim();
    }
}
