package dev.tocsin.compose.spoken;

/**
 * The one step from written notice text to what is said, shared by every speech engine, the
 * phrase bank and the previews: Chinese ({@link ChineseNormalizer}) or English
 * ({@link EnglishNormalizer}). Idempotent.
 */
public final class SpokenText {

    private SpokenText() {
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
