package dev.tocsin.audio.speech;

import dev.tocsin.audio.dsp.Pcm;
import java.util.ArrayList;
import java.util.List;

/** Measures on rendered speech that a listener would notice: pauses, speaking rate, clicks. */
public final class SpeechMeasures {

    /** A pause is at least this long below {@link #SILENCE_DB} (shorter gaps are stop closures). */
    public static final double MIN_PAUSE_SECONDS = 0.12;

    public static final double SILENCE_DB = -45;

    private SpeechMeasures() {}

    /** Seconds spent in pauses: 10 ms frames below -45 dBFS, in runs of 120 ms or more. */
    public static double pauseSeconds(Pcm pcm) {
        int frame = pcm.sampleRate() / 100;
        float[] s = pcm.samples();
        int run = 0;
        int paused = 0;
        int minRun = (int) Math.round(MIN_PAUSE_SECONDS * 100);
        for (int i = 0; i + frame <= s.length; i += frame) {
            double energy = 0;
            for (int j = i; j < i + frame; j++) {
                energy += s[j] * s[j];
            }
            if (10 * Math.log10(energy / frame + 1e-12) < SILENCE_DB) {
                run++;
            } else {
                paused += run >= minRun ? run : 0;
                run = 0;
            }
        }
        paused += run >= minRun ? run : 0;
        return paused / 100.0;
    }

    /** Syllables per second of speech, pauses left out. */
    public static double syllablesPerSecond(Pcm pcm, int syllables) {
        return syllables / (pcm.durationSeconds() - pauseSeconds(pcm));
    }

    /**
     * Sample indices where the signal jumps: a sample-to-sample step above {@code floor} (full
     * scale 1.0) that is also more than {@code factor} times every other step within 2.5 ms of
     * it. Speech (even a sharp glottal pulse) rises over several samples; a join without a
     * crossfade is one lone step.
     */
    public static List<Integer> clicks(Pcm pcm, double floor, double factor) {
        float[] s = pcm.samples();
        int half = pcm.sampleRate() / 400;
        List<Integer> out = new ArrayList<>();
        for (int n = 1; n < s.length; n++) {
            double step = Math.abs(s[n] - s[n - 1]);
            if (step <= floor) {
                continue;
            }
            double others = 0;
            for (int k = Math.max(1, n - half); k < Math.min(s.length, n + half); k++) {
                if (k != n) {
                    others = Math.max(others, Math.abs(s[k] - s[k - 1]));
                }
            }
            if (step > factor * others) {
                out.add(n);
            }
        }
        return out;
    }
}
