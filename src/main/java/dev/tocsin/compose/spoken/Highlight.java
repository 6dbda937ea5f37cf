package dev.tocsin.compose.spoken;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A stretch of the spoken text that is not simply read as written, for the approver to check:
 * {@code start}..{@code end} (UTF-16 indexes, as JavaScript counts them) of the spoken text
 * say {@code spoken} where the script has {@code written}; {@code pinyin} is how the Chinese
 * syllables of the stretch are read, in citation tones (null for English).
 */
public record Highlight(int start, int end, String written, String spoken, Kind kind, String pinyin) {

    /** Why the stretch is read the way it is. */
    public enum Kind {
        /** A telephone or service number, read digit by digit (1 as 幺). */
        PHONE("phone"),
        /** A date or a year (years digit by digit). */
        DATE("date"),
        /** A clock time. */
        TIME("time"),
        /** A temperature with its sign and unit. */
        TEMPERATURE("temperature"),
        /** Any other number, range, percentage, unit or numeral written out. */
        NUMBER("number"),
        /** A word with a character read other than in its usual reading (中毒 zhong4 du2). */
        POLYPHONE("polyphone"),
        /** A place name read from the district's place-name dictionary. */
        PLACE_NAME("place-name"),
        /** A word the dialect's lexicon rewrote. */
        DIALECT("dialect");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        /** Numbers of any sort, as opposed to readings and rewrites. */
        public boolean numeric() {
            return ordinal() <= NUMBER.ordinal();
        }
    }
}
