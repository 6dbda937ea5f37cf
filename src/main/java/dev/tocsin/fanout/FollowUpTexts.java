package dev.tocsin.fanout;

import dev.tocsin.compose.ComposeService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What residents read and hear after a notice they got was cancelled (a retraction, marked 撤回 /
 * "Retraction") or corrected (the corrected text, marked 更正 / "Correction"). Chinese wording for
 * zh*, English for en*; any other language gets the broadcast's own language's wording. SMS are
 * signed as every notice is.
 */
@ApplicationScoped
public class FollowUpTexts {

    static final String RETRACTION_ZH = "【撤回】";
    static final String RETRACTION_EN = "Retraction:";
    static final String CORRECTION_ZH = "【更正】";
    static final String CORRECTION_EN = "Correction:";
    private static final int EXCERPT = 24;

    private final ComposeService compose;

    FollowUpTexts(ComposeService compose) {
        this.compose = compose;
    }

    /** The retraction SMS per language, for the frozen texts the residents got (language tag to text). */
    Map<String, String> retractions(Map<String, String> frozen) {
        Map<String, String> out = new LinkedHashMap<>();
        frozen.forEach((lang, text) -> out.put(lang, retraction(lang, text)));
        return out;
    }

    String retraction(String language, String frozen) {
        String excerpt = excerpt(unsigned(frozen, language));
        return english(language)
                ? compose.signSms(
                        RETRACTION_EN + " the earlier notice \"" + excerpt + "\" is withdrawn. Please disregard it.",
                        "en")
                : compose.signSms(RETRACTION_ZH + "此前发送的通知“" + excerpt + "”已撤回，请勿理会。", language);
    }

    /** The corrected texts marked as a correction, for residents who got the original. */
    Map<String, String> corrections(Map<String, String> frozen) {
        Map<String, String> out = new LinkedHashMap<>();
        frozen.forEach((lang, text) -> out.put(lang, correction(lang, text)));
        return out;
    }

    String correction(String language, String frozen) {
        String prefix = signaturePrefix(language);
        String body = unsigned(frozen, language);
        String mark = english(language) ? CORRECTION_EN + " " : CORRECTION_ZH;
        return prefix.isEmpty() || !frozen.startsWith(prefix) ? mark + frozen : prefix + mark + body;
    }

    /** The short spoken retraction played on terminals that played the notice. */
    static String spokenRetraction(String language) {
        return english(language)
                ? "Attention please. Retraction. The notice played earlier has been withdrawn. "
                        + "Please disregard it."
                : "请注意，撤回通知。刚才播放的通知已经撤回，请不要理会。";
    }

    private String unsigned(String text, String language) {
        String prefix = signaturePrefix(language);
        return !prefix.isEmpty() && text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** The signature (and its gap) that signing puts before a body; empty when it signs at the end or not at all. */
    private String signaturePrefix(String language) {
        String marker = "\u0000";
        String signed = compose.signSms(marker, english(language) ? "en" : language);
        int at = signed.indexOf(marker);
        return at <= 0 ? "" : signed.substring(0, at);
    }

    private static String excerpt(String text) {
        String t = text.strip();
        return t.codePointCount(0, t.length()) <= EXCERPT ? t : t.substring(0, t.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    private static boolean english(String language) {
        return language != null && language.startsWith("en");
    }
}
