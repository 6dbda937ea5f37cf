package dev.tocsin.alert;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link Urgency} in a boolean {@code urgent} column, as the schema has it. */
@Converter
public class UrgencyFlag implements AttributeConverter<Urgency, Boolean> {

    @Override
    public Boolean convertToDatabaseColumn(Urgency urgency) {
        return urgency == null ? null : urgency.urgent();
    }

    @Override
    public Urgency convertToEntityAttribute(Boolean urgent) {
        return urgent == null ? null : urgent ? Urgency.URGENT : Urgency.ROUTINE;
    }
}
