package dev.tocsin.compose.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dialect style for loudspeaker scripts: the lexicon applied to Mandarin text and the
 * phrasing a village announcer uses (opening address, closing, repetition of the key
 * instruction). Loaded from one file per dialect; see {@link DialectFile}.
 */
public record DialectProfile(
        String id, String name, String language, Lexicon lexicon, Phrasing phrasing, String source) {

    /**
     * @param joiner put between the parts of a script: empty for Chinese, a space for English
     * @param addressedBy words by which a text addresses its listeners itself (乡亲们, 父老乡亲...):
     *        a body whose first clause holds one gets no opening, so the greeting is said once
     */
    public record Phrasing(
            String opening,
            String closing,
            int repeatKey,
            String repeatIntro,
            String joiner,
            List<String> addressedBy) {

        public Phrasing {
            addressedBy = List.copyOf(addressedBy);
        }
    }

    /** A loudspeaker script before and after the lexicon, with every substitution listed. */
    public record Script(String before, String after, List<Rewrite> rewrites, List<Refusal> refusals) {}

    /**
     * Builds the spoken script: opening (unless the body already addresses the listeners), body,
     * the key instruction repeated {@code repeatKey} times (the intro said once, before the first
     * repetition), closing; then applies the lexicon, which leaves the key instruction and the place names as
     * written. A body or instruction without a sentence end
     * gets one, so it does not run into what follows.
     */
    public Script script(String body, String keyInstruction) {
        return script(body, keyInstruction, java.util.Set.of());
    }

    /** As {@link #script(String, String)}, with the district's place names kept as written. */
    public Script script(String body, String keyInstruction, java.util.Collection<String> placeNames) {
        List<String> parts = new ArrayList<>();
        String text = body == null ? "" : body.strip();
        if (!phrasing.opening().isEmpty() && !addressesListeners(text)) {
            parts.add(phrasing.opening());
        }
        parts.add(sentence(text));
        if (keyInstruction != null && !keyInstruction.isBlank()) {
            for (int i = 0; i < phrasing.repeatKey(); i++) {
                parts.add((i == 0 ? phrasing.repeatIntro() : "") + sentence(keyInstruction.strip()));
            }
        }
        if (!phrasing.closing().isEmpty()) {
            parts.add(phrasing.closing());
        }
        String before = String.join(
                phrasing.joiner(), parts.stream().filter(p -> !p.isEmpty()).toList());
        Lexicon.Result result = lexicon.rewrite(
                before,
                new Lexicon.Protection(placeNames, keyInstruction == null ? List.of() : List.of(keyInstruction)));
        return new Script(before, result.text(), result.rewrites(), result.refusals());
    }

    /** True when the text starts with the opening or names its listeners in its first clause. */
    boolean addressesListeners(String text) {
        if (text.startsWith(stripPunctuation(phrasing.opening()))) {
            return true;
        }
        String firstClause = text.split("[，。！？；：、]|[,.!?;:](?=\\s|$)", 2)[0].toLowerCase(Locale.ROOT);
        return phrasing.addressedBy().stream().anyMatch(w -> firstClause.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** The text with a sentence end: 。 for Chinese (empty joiner), . for English, unless it has one. */
    private String sentence(String text) {
        if (text.isEmpty() || text.matches("(?s).*[。．.！!？?…；;”\"』」）)]$")) {
            return text;
        }
        if (text.matches("(?s).*[，,、：:]$")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + (phrasing.joiner().isEmpty() ? "。" : ".");
    }

    private static String stripPunctuation(String s) {
        return s.replaceAll("[\\p{P}\\s]+$", "");
    }
}
