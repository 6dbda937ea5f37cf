package dev.tocsin.sms;

/**
 * Counts the segments a carrier bills for a body. GSM-7 when every character is in the GSM
 * 03.38 alphabet (160 per single message, 153 per part; extension characters cost two septets
 * and are never split across parts), otherwise UCS-2 (70 / 67 UTF-16 units; a surrogate pair is
 * never split). Minimal on purpose: compose's counter is the full one shown to authors.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public enum Encoding { GSM7, UCS2 }

    public record Count(Encoding encoding, int units, int segments) {
    }

    private SmsSegments() {
    }

    public static int segments(String body) {
        return count(body).segments();
    }

    public static Count count(String body) {
        if (isGsm(body)) {
            return gsm(body);
        }
        return ucs2(body);
    }

    private static boolean isGsm(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Count gsm(String body) {
        int septets = 0;
        for (int i = 0; i < body.length(); i++) {
            septets += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
        }
        if (septets <= 160) {
            return new Count(Encoding.GSM7, septets, 1);
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < body.length(); i++) {
            int cost = GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            if (used + cost > 153) {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return new Count(Encoding.GSM7, septets, parts);
    }

    private static Count ucs2(String body) {
        int units = body.length();
        if (units <= 70) {
            return new Count(Encoding.UCS2, units, 1);
        }
        int parts = 1;
        int used = 0;
        for (int i = 0; i < body.length(); i++) {
            int cost = Character.isHighSurrogate(body.charAt(i)) && i + 1 < body.length() ? 2 : 1;
            if (used + cost > 67) {
                parts++;
                used = 0;
            }
            used += cost;
            i += cost - 1;
        }
        return new Count(Encoding.UCS2, units, parts);
    }
}
