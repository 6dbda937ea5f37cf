package dev.tocsin.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the vocabulary's enums are written on the wire, in files and in templates: lower case. */
public final class WireNames {

    private WireNames() {}

    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant named {@code value} (any case); otherwise "must be one of ..." for the field's error. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireNames::id).collect(Collectors.joining(", ")));
    }
}
