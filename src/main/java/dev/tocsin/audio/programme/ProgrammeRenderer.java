package dev.tocsin.audio.programme;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.programme.ProgrammeTemplate.Segment;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.compose.spoken.SpokenText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles a programme (unmastered) at the target rate: chimes, the profile's opening, the
 * script sentence by sentence, the key instruction repeated, pauses and the closing. Each
 * sentence is normalised ({@link SpokenText}: numbers, dates, units as said) and uses the
 * phrase bank's recordings where it has them and the engine for the rest;
 * recorded and synthesized pieces are brought to one loudness so the joins are not heard.
 */
public final class ProgrammeRenderer {

    private static final double PIECE_LUFS = -20;
    private static final double TONE_GAP_SECONDS = 0.04;

    private final SpeechEngine engine;
    private final PhraseBank bank;
    private final int rate;

    public ProgrammeRenderer(SpeechEngine engine, PhraseBank bank, int rate) {
        this.engine = engine;
        this.bank = bank;
        this.rate = rate;
    }

    public Pcm render(String script, String keyInstruction, VoiceProfile profile, List<Segment> segments) {
        List<Pcm> parts = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment instanceof ProgrammeTemplate.Tones t) {
                parts.add(tones(t));
            } else if (segment instanceof ProgrammeTemplate.Clip c) {
                parts.add(levelled(Resampler.resample(c.audio(), rate)));
            } else if (segment instanceof ProgrammeTemplate.Opening) {
                parts.add(speak(profile.opening(), profile));
            } else if (segment instanceof ProgrammeTemplate.Body) {
                parts.add(speak(script, profile));
            } else if (segment instanceof ProgrammeTemplate.Closing) {
                parts.add(speak(profile.closing(), profile));
            } else if (segment instanceof ProgrammeTemplate.Pause p) {
                parts.add(Pcm.silence(p.ms() / 1000.0, rate));
            } else if (segment instanceof ProgrammeTemplate.Repeat r) {
                Pcm key = speak(keyInstruction, profile);
                int count = r.count() > 0 ? r.count() : profile.repeatCount();
                for (int i = 0; i < count; i++) {
                    parts.add(pause(profile));
                    parts.add(key);
                }
            }
        }
        return Pcm.concat(rate, parts);
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

    private Pcm speak(String text, VoiceProfile profile) {
        List<Pcm> parts = new ArrayList<>();
        for (String sentence : sentences(text)) {
            if (!parts.isEmpty()) {
                parts.add(pause(profile));
            }
            // Normalised once here, so the phrase bank and the engine hear the same words.
            for (PhraseBank.Piece piece : bank.split(SpokenText.auto(sentence))) {
                Pcm audio = piece instanceof PhraseBank.Recorded r
                        ? r.clip()
                        : engine.synthesize(piece.text(), profile.settingsFor(engine.id()))
                                .trim(-50);
                if (audio.length() > 0) {
                    parts.add(levelled(Resampler.resample(audio, rate)));
                }
            }
        }
        return Pcm.concat(rate, parts);
    }

    private Pcm pause(VoiceProfile profile) {
        return Pcm.silence(profile.sentencePauseMs() / 1000.0, rate);
    }

    private static Pcm levelled(Pcm piece) {
        double lufs = LoudnessMeter.integrated(piece);
        return Double.isFinite(lufs) ? piece.gainDb(PIECE_LUFS - lufs) : piece;
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
}
