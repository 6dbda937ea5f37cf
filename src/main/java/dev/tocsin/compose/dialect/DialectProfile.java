package dev.tocsin.compose.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * A dialect style for loudspeaker scripts: the lexicon applied to Mandarin text and the
 * phrasing a village announcer uses (opening address, closing, repetition of the key
 * instruction). Loaded from one file per dialect; see {@link DialectFile}.
 */
public record DialectProfile(String id, String name, String language, Lexicon lexicon, Phrasing phrasing,
        String source) {

    /**
     * @param joiner put between the parts of a script: empty for Chinese, a space for English
     */
    public record Phrasing(String opening, String closing, int repeatKey, String repeatIntro, String joiner) {
    }

    /** A loudspeaker script before and after the lexicon, with every substitution listed. */
    public record Script(String before, String after, List<Rewrite> rewrites, List<Refusal> refusals) {
    }

    /**
     * Builds the spoken script: opening (unless the body already starts with it), body, the key
     * instruction repeated {@code repeatKey} times, closing; then applies the lexicon, which
     * leaves the key instruction and the place names as written.
     */
    public Script script(String body, String keyInstruction) {
        return script(body, keyInstruction, java.util.Set.of());
    }

    /** As {@link #script(String, String)}, with the district's place names kept as written. */
    public Script script(String body, String keyInstruction, java.util.Collection<String> placeNames) {
        List<String> parts = new ArrayList<>();
        String text = body == null ? "" : body.strip();
        if (!phrasing.opening().isEmpty() && !text.startsWith(stripPunctuation(phrasing.opening()))) {
            parts.add(phrasing.opening());
        }
        parts.add(text);
        if (keyInstruction != null && !keyInstruction.isBlank()) {
            for (int i = 0; i < phrasing.repeatKey(); i++) {
                parts.add(phrasing.repeatIntro() + keyInstruction.strip());
            }
        }
        if (!phrasing.closing().isEmpty()) {
            parts.add(phrasing.closing());
        }
        String before = String.join(phrasing.joiner(), parts.stream().filter(p -> !p.isEmpty()).toList());
        Lexicon.Result result = lexicon.rewrite(before, new Lexicon.Protection(placeNames,
                keyInstruction == null ? List.of() : List.of(keyInstruction)));
        return new Script(before, result.text(), result.rewrites(), result.refusals());
    }

    private static String stripPunctuation(String s) {
        return s.replaceAll("[\\p{P}\\s]+$", "");
    }
}
