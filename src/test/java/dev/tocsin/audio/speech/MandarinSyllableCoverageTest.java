package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.speech.wasm.EspeakWasm;
import dev.tocsin.compose.spoken.Readings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every toned syllable the 3,500 first-level characters of the Table of General Standard Chinese
 * Characters (通用规范汉字表, 2013) need can be spoken by the bundled engine. The readings are the
 * pronunciation step's own ({@link Readings#usualReading}, HanLP's character pinyin); the engine's
 * phoneme output shows whether it knows a syllable as the engine is given it ({@link
 * EspeakEngine#sayable}): one it does not know is spelled out in English ("(en)" in the phonemes).
 */
class MandarinSyllableCoverageTest {

    private static List<Character> levelOne() throws IOException {
        try (InputStream in = MandarinSyllableCoverageTest.class.getResourceAsStream("/speech/tygf-level1.txt")) {
            List<Character> chars = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    chars.add(line.strip().charAt(0));
                }
            }
            return chars;
        }
    }

    @Test
    void everySyllableOfTheFirstLevelCharactersCanBeSpoken() throws IOException {
        List<Character> chars = levelOne();
        assertThat(chars).hasSize(3500).startsWith('一').endsWith('矗');
        Map<String, List<Character>> bySyllable = new TreeMap<>();
        List<Character> noReading = new ArrayList<>();
        for (char c : chars) {
            String pinyin = Readings.usualReading(c);
            if (pinyin == null) {
                noReading.add(c);
            } else {
                bySyllable.computeIfAbsent(pinyin, k -> new ArrayList<>()).add(c);
            }
        }
        assertThat(noReading)
                .as("characters the pronunciation step cannot read")
                .isEmpty();
        assertThat(bySyllable.size()).isGreaterThan(1000);

        EspeakWasm espeak = EspeakWasm.load();
        List<String> syllables = new ArrayList<>(bySyllable.keySet());
        TreeSet<String> gaps = new TreeSet<>();
        for (int from = 0; from < syllables.size(); from += 50) {
            List<String> chunk = syllables.subList(from, Math.min(syllables.size(), from + 50));
            String[] clauses = phonemes(espeak, chunk);
            if (clauses.length == chunk.size() && Arrays.stream(clauses).noneMatch(c -> c.contains("(en)"))) {
                continue;
            }
            // Something was spelled out, or clauses merged: ask syllable by syllable.
            for (String syllable : chunk) {
                String said = phonemes(espeak, List.of(syllable))[0];
                if (said.contains("(en)") || said.isBlank()) {
                    gaps.add(syllable + " " + bySyllable.get(syllable) + " -> " + said.strip());
                }
            }
        }
        assertThat(gaps)
                .as("syllables the engine cannot say, with the characters that need them")
                .isEmpty();
    }

    /** espeak-ng's phonemes for syllables said as separate sentences (fast: it synthesizes them too). */
    private static String[] phonemes(EspeakWasm espeak, List<String> syllables) {
        String out = new String(
                espeak.run(List.of(
                                "-q",
                                "-x",
                                "-v",
                                "cmn-latn-pinyin",
                                syllables.stream()
                                                .map(EspeakEngine::sayable)
                                                .collect(java.util.stream.Collectors.joining(". "))
                                        + "."))
                        .stdout(),
                StandardCharsets.UTF_8);
        return out.strip().split("_\\|\\s*");
    }
}
