package dev.tocsin.duty;

import java.time.Duration;
import java.util.Optional;

/**
 * What a 叫应 SMS says: the broadcast's own SMS (already signed as compose signs it, so the
 * carrier adds no second signature), then a line in the recipient's language asking for an
 * answer, and for a backup or superior who was not answering first.
 */
final class DutyTexts {

    /**
     * The longest body sent: mainland China's carriers refuse more than 500 characters with the
     * signature (tocsin.sms.carrier.CN.max-length), and a held 叫应 SMS would reach no one.
     */
    static final int MAX_BODY = 480;

    private DutyTexts() {}

    /** Who was asked first, as the backup's and the superior's SMS name them. */
    record Silent(String name, String role, String areaName) {}

    static String primary(String warning, String language, Optional<String> link) {
        return compose(warning, "", language, link);
    }

    static String backup(String warning, String language, Silent silent, Optional<String> link) {
        String line = en(language)
                ? silent.name() + " (" + silent.role() + ", " + silent.areaName()
                        + ") has not confirmed this warning. As the backup, please confirm and act on it. "
                : silent.areaName() + silent.role() + silent.name() + "（A角）未确认收到此预警，请您作为B角确认并落实。";
        return compose(warning, line, language, link);
    }

    static String superior(String warning, String language, Silent silent, Duration waited, Optional<String> link) {
        long minutes = Math.max(1, waited.toMinutes());
        String line = en(language)
                ? silent.name() + " (" + silent.role() + ", " + silent.areaName()
                        + ") has not confirmed this warning within " + minutes + " minutes. Please follow up. "
                : silent.areaName() + silent.role() + silent.name() + "超过" + minutes + "分钟未确认收到此预警，请督促落实。";
        return compose(warning, line, language, link);
    }

    /** The reply instruction alone, e.g. for tests and docs. */
    static String instruction(String language, Optional<String> link) {
        if (en(language)) {
            return "Reply 1 or OK to confirm receipt"
                    + link.map(l -> ", or open " + l).orElse("") + ".";
        }
        return "收到请回复1（或回复“收到”“确认”）" + link.map(l -> "，也可打开链接确认：" + l).orElse("。");
    }

    private static String compose(String warning, String line, String language, Optional<String> link) {
        String tail = "\n" + line + instruction(language, link);
        String text = warning == null ? "" : warning.strip();
        int room = MAX_BODY - tail.length();
        if (text.codePointCount(0, text.length()) > room) {
            text = text.substring(0, text.offsetByCodePoints(0, Math.max(0, room - 1))) + "…";
        }
        return text + tail;
    }

    private static boolean en(String language) {
        return "en".equals(language);
    }
}
