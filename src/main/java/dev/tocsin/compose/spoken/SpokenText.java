package dev.tocsin.compose.spoken;

/**
 * The one step from written notice text to what is said, shared by every speech engine, the
 * phrase bank and the previews: Chinese ({@link ChineseNormalizer}) or English
 * ({@link EnglishNormalizer}). Idempotent.
 */
public final class SpokenText {

    private SpokenText() {
    }

    /** By the script of the text: Chinese when it has a Chinese character, English otherwise. */
    public static String auto(String text) {
        if (text == null) {
            return null;
        }
        return text.codePoints().anyMatch(Readings::isHan) ? ChineseNormalizer.normalize(text)
                : EnglishNormalizer.normalize(text);
    }

    /** @param language a language tag; {@code en...} is English, anything else Chinese */
    public static String of(String text, String language) {
        if (text == null) {
            return null;
        }
        return language != null && language.startsWith("en") ? EnglishNormalizer.normalize(text)
                : ChineseNormalizer.normalize(text);
    }
}
