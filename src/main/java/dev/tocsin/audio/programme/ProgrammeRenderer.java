package dev.tocsin.audio.programme;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.programme.ProgrammeTemplate.Segment;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.compose.spoken.Highlight;
import dev.tocsin.compose.spoken.SpokenText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles a programme (unmastered) at the target rate: chimes, the profile's opening, the
 * script sentence by sentence, the key instruction repeated, pauses and the closing. Each
 * sentence is normalised ({@link SpokenText}: numbers, dates, units as said) and uses the
 * phrase bank's recordings where it has them and the engine for the rest: phrases anywhere,
 * slots only to say a whole number, date, time or place name. Recorded and synthesized pieces
 * are brought to one loudness and faded in and out so the joins are not heard.
 * One renderer per programme: it reports how much of the speech came from recordings.
 */
public final class ProgrammeRenderer {

    private static final double PIECE_LUFS = -20;
    private static final double TONE_GAP_SECONDS = 0.04;
    private static final double JOIN_FADE_SECONDS = 0.005;
    /** Between the slots of one number: a breath, not a sentence pause. */
    private static final double SLOT_GAP_SECONDS = 0.04;
    /** BS.1770 gates 400 ms blocks: a shorter piece is measured repeated to this length. */
    private static final double MIN_MEASURED_SECONDS = 1.2;

    private static final Set<Highlight.Kind> STRETCHES = EnumSet.of(
            Highlight.Kind.PHONE,
            Highlight.Kind.DATE,
            Highlight.Kind.TIME,
            Highlight.Kind.TEMPERATURE,
            Highlight.Kind.NUMBER,
            Highlight.Kind.PLACE_NAME);

    private static final String BELOW_ZERO = "零下";

    private final SpeechEngine engine;
    private final PhraseBank bank;
    private final int rate;

    public ProgrammeRenderer(SpeechEngine engine, PhraseBank bank, int rate) {
        this.engine = engine;
        this.bank = bank;
        this.rate = rate;
    }

    /**
     * The programme and where its speech came from.
     *
     * @param recordedSeconds speech played from recordings (phrases and slots), every time it is heard
     * @param synthesizedSeconds speech from the engine; chimes and pauses count in neither
     * @param synthesized the texts the engine said, distinct, in order
     */
    public record Rendering(Pcm audio, double recordedSeconds, double synthesizedSeconds, List<String> synthesized) {

        /** Recorded share of the speech, 0..1 (0 without speech). */
        public double recordedShare() {
            double total = recordedSeconds + synthesizedSeconds;
            return total > 0 ? recordedSeconds / total : 0;
        }
    }

    public Rendering render(String script, String keyInstruction, VoiceProfile profile, List<Segment> segments) {
        List<Pcm> parts = new ArrayList<>();
        Tally tally = new Tally();
        for (Segment segment : segments) {
            if (segment instanceof ProgrammeTemplate.Tones t) {
                parts.add(tones(t));
            } else if (segment instanceof ProgrammeTemplate.Clip c) {
                parts.add(levelled(Resampler.resample(c.audio(), rate)));
            } else if (segment instanceof ProgrammeTemplate.Opening) {
                parts.add(speak(profile.opening(), profile, tally, 1));
            } else if (segment instanceof ProgrammeTemplate.Body) {
                parts.add(speak(script, profile, tally, 1));
            } else if (segment instanceof ProgrammeTemplate.Closing) {
                parts.add(speak(profile.closing(), profile, tally, 1));
            } else if (segment instanceof ProgrammeTemplate.Pause p) {
                parts.add(Pcm.silence(p.ms() / 1000.0, rate));
            } else if (segment instanceof ProgrammeTemplate.Repeat r) {
                int count = r.count() > 0 ? r.count() : profile.repeatCount();
                Pcm key = speak(keyInstruction, profile, tally, count);
                for (int i = 0; i < count; i++) {
                    parts.add(pause(profile));
                    parts.add(key);
                }
            }
        }
        return new Rendering(
                Pcm.concat(rate, parts), tally.recorded, tally.synthesized, List.copyOf(tally.synthesizedTexts));
    }

    /**
     * A programme whose words are a staff recording (already cleaned and mastered): the
     * template's chimes and pauses around it; the template's spoken segments other than the body
     * are left out, since the recording says the whole notice.
     */
    public Pcm renderRecorded(Pcm recording, List<Segment> segments) {
        List<Pcm> parts = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment instanceof ProgrammeTemplate.Tones t) {
                parts.add(tones(t));
            } else if (segment instanceof ProgrammeTemplate.Clip c) {
                parts.add(levelled(Resampler.resample(c.audio(), rate)));
            } else if (segment instanceof ProgrammeTemplate.Pause p) {
                parts.add(Pcm.silence(p.ms() / 1000.0, rate));
            } else if (segment instanceof ProgrammeTemplate.Body) {
                parts.add(levelled(Resampler.resample(recording, rate)));
            }
        }
        return Pcm.concat(rate, parts);
    }

    /** The last sentence of a script, the usual place of the instruction to repeat. */
    public static String lastSentence(String script) {
        List<String> sentences = sentences(script);
        return sentences.isEmpty() ? script.strip() : sentences.get(sentences.size() - 1);
    }

    static List<String> sentences(String text) {
        return Arrays.stream(text.split("(?<=[。！？!?；;])|\\n|(?<=\\.)\\s+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * How one sentence is said. Numbers, dates, times and place names are found by
     * {@link SpokenText#annotate} on the written sentence; its spoken text is what the bank and
     * the engine get (the same as {@link SpokenText#auto}, which the engines apply again
     * without change, being idempotent).
     */
    List<PhraseBank.Piece> pieces(String sentence) {
        if (!bank.hasSlots()) {
            return bank.split(SpokenText.auto(sentence));
        }
        boolean chinese =
                sentence.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        SpokenText.Annotated a = SpokenText.annotate(sentence, chinese ? "zh" : "en", null);
        List<PhraseBank.Span> stretches = a.highlights().stream()
                .filter(h -> STRETCHES.contains(h.kind()))
                .map(h -> new PhraseBank.Span(start(h, a.spoken()), h.end()))
                .toList();
        return bank.split(a.spoken(), stretches);
    }

    /** 零下 written out before a temperature (零下3℃) belongs to it, as when normalised from -3℃. */
    private static int start(Highlight h, String spoken) {
        boolean below = h.kind() == Highlight.Kind.TEMPERATURE && spoken.startsWith(BELOW_ZERO, h.start() - 2);
        return below ? h.start() - 2 : h.start();
    }

    /** Speaks text heard {@code times} times (the repeated key instruction) and counts it so. */
    private Pcm speak(String text, VoiceProfile profile, Tally tally, int times) {
        List<Pcm> parts = new ArrayList<>();
        for (String sentence : sentences(text)) {
            if (!parts.isEmpty()) {
                parts.add(pause(profile));
            }
            for (PhraseBank.Piece piece : pieces(sentence)) {
                if (piece instanceof PhraseBank.Slots s) {
                    for (int i = 0; i < s.parts().size(); i++) {
                        if (i > 0) {
                            parts.add(Pcm.silence(SLOT_GAP_SECONDS, rate));
                        }
                        Pcm clip = joinable(s.parts().get(i).clip());
                        tally.recorded += times * clip.durationSeconds();
                        parts.add(clip);
                    }
                } else if (piece instanceof PhraseBank.Recorded r) {
                    Pcm clip = joinable(r.clip());
                    tally.recorded += times * clip.durationSeconds();
                    parts.add(clip);
                } else {
                    Pcm speech = joinable(engine.synthesize(piece.text(), profile.settingsFor(engine.id()))
                            .trim(-50));
                    if (speech.length() > 0) {
                        tally.synthesized += times * speech.durationSeconds();
                        tally.synthesizedTexts.add(piece.text().replaceAll("^[\\p{P}\\s]+|[\\p{P}\\s]+$", ""));
                        parts.add(speech);
                    }
                }
            }
        }
        return Pcm.concat(rate, parts);
    }

    private Pcm joinable(Pcm piece) {
        return levelled(Resampler.resample(piece, rate)).fade(JOIN_FADE_SECONDS, JOIN_FADE_SECONDS);
    }

    private Pcm pause(VoiceProfile profile) {
        return Pcm.silence(profile.sentencePauseMs() / 1000.0, rate);
    }

    private static Pcm levelled(Pcm piece) {
        double lufs = LoudnessMeter.integrated(measurable(piece));
        return Double.isFinite(lufs) ? piece.gainDb(PIECE_LUFS - lufs) : piece;
    }

    /** A short piece (one digit) repeated until the meter has whole blocks to gate. */
    private static Pcm measurable(Pcm piece) {
        if (piece.length() == 0 || piece.durationSeconds() >= MIN_MEASURED_SECONDS) {
            return piece;
        }
        int times = (int) Math.ceil(MIN_MEASURED_SECONDS / piece.durationSeconds());
        return Pcm.concat(piece.sampleRate(), Collections.nCopies(times, piece));
    }

    /** Attention tones: sine plus a soft third harmonic (carries better on a horn), 10 ms fades. */
    private Pcm tones(ProgrammeTemplate.Tones t) {
        List<Pcm> parts = new ArrayList<>();
        for (ProgrammeTemplate.Tone tone : t.tones()) {
            float[] s = new float[(int) Math.round(tone.ms() / 1000.0 * rate)];
            for (int i = 0; i < s.length; i++) {
                double phase = 2 * Math.PI * tone.hz() * i / rate;
                s[i] = (float) (0.25 * (Math.sin(phase) + 0.2 * Math.sin(3 * phase)));
            }
            parts.add(new Pcm(s, rate).fade(0.01, 0.01));
            parts.add(Pcm.silence(TONE_GAP_SECONDS, rate));
        }
        return levelled(Pcm.concat(rate, parts));
    }

    /** Seconds of speech by origin over one programme. */
    private static final class Tally {
        double recorded;
        double synthesized;
        final Set<String> synthesizedTexts = new LinkedHashSet<>();
    }
}
