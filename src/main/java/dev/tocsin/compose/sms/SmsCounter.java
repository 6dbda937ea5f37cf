package dev.tocsin.compose.sms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts SMS segments the way Twilio bills them (3GPP TS 23.038 / 23.040).
 * <ul>
 * <li>GSM-7: the basic table costs one septet per character, the extension table
 * ({@code { } [ ] ~ ^ | \ €} and form feed) costs two (escape + character). One part holds 160
 * septets; a split message holds 153 per part, and a part never ends between an escape and
 * its character, so such a pair moves whole to the next part.</li>
 * <li>UCS-2 (any character outside GSM-7, e.g. Chinese or emoji): one part holds 70 UTF-16 code
 * units; a split message 67 per part. Characters outside the BMP (most emoji) are a surrogate
 * pair of two units, and a part never splits a pair.</li>
 * </ul>
 * An empty body is one segment: carriers still send one message.
 */
public final class SmsCounter {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsCounter() {}

    public static boolean isGsmBasic(int codePoint) {
        return codePoint < 0x10000 && GSM_BASIC.indexOf(codePoint) >= 0;
    }

    public static boolean isGsmExtension(int codePoint) {
        return codePoint < 0x10000 && GSM_EXTENSION.indexOf(codePoint) >= 0;
    }

    public static SmsCount count(String text) {
        String body = text == null ? "" : text;
        Set<String> nonGsm = new LinkedHashSet<>();
        body.codePoints()
                .filter(cp -> !isGsmBasic(cp) && !isGsmExtension(cp))
                .forEach(cp -> nonGsm.add(new String(Character.toChars(cp))));
        // Each character's cost in units; a character is never split across parts.
        List<Integer> costs = new ArrayList<>();
        SmsEncoding encoding = nonGsm.isEmpty() ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        body.codePoints()
                .forEach(cp -> costs.add(
                        encoding == SmsEncoding.GSM_7 ? (isGsmExtension(cp) ? 2 : 1) : Character.charCount(cp)));
        int units = costs.stream().mapToInt(Integer::intValue).sum();
        return new SmsCount(encoding, segments(costs, units, encoding), units, List.copyOf(nonGsm));
    }

    private static int segments(List<Integer> costs, int units, SmsEncoding encoding) {
        if (units <= encoding.singleLimit) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > encoding.partLimit) {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return parts;
    }
}
