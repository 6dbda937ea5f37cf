package dev.tocsin.audio.programme;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a notice is presented: routine notices and urgent alerts have their own programme variant. */
public enum Severity {
    ROUTINE,
    URGENT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.key().equals(text)).findFirst();
    }
}
