package dev.tocsin.audio.programme;

import dev.tocsin.alert.Urgency;
import java.util.List;
import java.util.Map;

/** A programme: for each severity, the ordered segments a notice is built from. */
public record ProgrammeTemplate(String id, Map<Urgency, List<Segment>> variants, String fingerprint) {

    public List<Segment> segments(Urgency severity) {
        return variants.get(severity);
    }

    /** One step of a programme. */
    public sealed interface Segment {}

    /** Generated attention tones: frequency/duration pairs played in order. */
    public record Tones(List<Tone> tones) implements Segment {}

    public record Tone(double hz, int ms) {}

    /** A recorded chime, WAV file relative to the templates folder (already loaded). */
    public record Clip(String file, dev.tocsin.audio.dsp.Pcm audio) implements Segment {}

    /** The profile's spoken opening line. */
    public record Opening() implements Segment {}

    /** The script itself. */
    public record Body() implements Segment {}

    /** The key instruction, {@code count} times (0 = the voice profile's repeat count). */
    public record Repeat(int count) implements Segment {}

    public record Pause(int ms) implements Segment {}

    public record Closing() implements Segment {}
}
