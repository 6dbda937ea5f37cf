package dev.tocsin.compose.sms;

import java.util.List;

/**
 * The result of counting an SMS body: the encoding it needs, how many parts it is billed as,
 * the units it uses (septets for GSM-7, UTF-16 code units for UCS-2), and the characters that
 * are outside GSM-7 and so forced UCS-2 (each listed once, in order of appearance).
 */
public record SmsCount(SmsEncoding encoding, int segments, int units, List<String> nonGsmCharacters) {}
