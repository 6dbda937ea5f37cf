package dev.tocsin.broadcast;

import java.util.regex.Pattern;

/** The title free text gets when staff give none: its first words, as a list of broadcasts shows them. */
final class FreeTextTitles {

    /** Chinese reads a clause as a title; English needs more characters for as many words. */
    private static final int CHINESE_CHARS = 20;

    private static final int LATIN_CHARS = 40;

    /** A signature or mark in 【】 or [] at the start is not what the notice is about. */
    private static final Pattern LEADING_BRACKETS = Pattern.compile("^(?:\\s*(?:【[^】]*】|\\[[^\\]]*\\]))+\\s*");

    private static final Pattern CLAUSE_END = Pattern.compile("[，。！？；,.!?;\\n]");

    private FreeTextTitles() {}

    static String firstWords(String text) {
        String s = dev.tocsin.compose.ComposeService.withoutTypedExerciseMark(
                LEADING_BRACKETS.matcher(text.strip()).replaceFirst(""));
        if (s.isBlank()) {
            s = text.strip();
        }
        var end = CLAUSE_END.matcher(s);
        String clause = end.find() && end.start() > 0 ? s.substring(0, end.start()) : s;
        boolean chinese =
                clause.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        int max = chinese ? CHINESE_CHARS : LATIN_CHARS;
        if (clause.length() <= max) {
            return clause.strip();
        }
        String cut = clause.substring(0, max);
        if (!chinese && cut.lastIndexOf(' ') > max / 2) {
            cut = cut.substring(0, cut.lastIndexOf(' '));
        }
        return cut.strip() + "…";
    }
}
