package dev.tocsin.compose.template;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a CAP vocabulary value case-insensitively, by CAP spelling or enum name. */
final class CapVocabulary {

    private CapVocabulary() {}

    static <E extends Enum<E>> E parse(E[] values, Function<E, String> cap, String value) {
        return Arrays.stream(values)
                .filter(v -> cap.apply(v).equalsIgnoreCase(value) || v.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "must be one of " + Arrays.stream(values).map(cap).collect(Collectors.joining(", "))));
    }
}
