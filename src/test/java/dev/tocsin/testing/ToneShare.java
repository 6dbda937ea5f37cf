package dev.tocsin.testing;

import dev.tocsin.audio.dsp.Pcm;

/**
 * Tells "recordings" that are pure tones from any speech engine's voice by the signal alone:
 * the audio is cut into 20 ms frames, and a frame that is not silent counts as recorded when
 * over half its energy lies within 300 Hz of the tone (speech spreads its energy over the band).
 */
public final class ToneShare {

    private static final double SILENCE_DBFS = -50;
    private static final double TONE_FRACTION = 0.5;

    private ToneShare() {}

    /** Frames heard as the tone, and frames heard as other sound. */
    public record Frames(int recorded, int synthesized) {
        public double share() {
            return recorded / (double) (recorded + synthesized);
        }
    }

    public static Frames measure(Pcm pcm, double toneHz) {
        int frame = pcm.sampleRate() / 50;
        float[] s = pcm.samples();
        int recorded = 0;
        int synthesized = 0;
        double silence = Math.pow(10, SILENCE_DBFS / 20);
        for (int at = 0; at + frame <= s.length; at += frame) {
            double energy = 0;
            for (int i = at; i < at + frame; i++) {
                energy += s[i] * s[i];
            }
            if (Math.sqrt(energy / frame) < silence) {
                continue;
            }
            if (toneFraction(s, at, frame, pcm.sampleRate(), toneHz) > TONE_FRACTION) {
                recorded++;
            } else {
                synthesized++;
            }
        }
        return new Frames(recorded, synthesized);
    }

    /** Share of a Hann-windowed frame's energy in the DFT bins within 300 Hz of the tone (Parseval). */
    private static double toneFraction(float[] s, int at, int frame, int rate, double toneHz) {
        double[] w = new double[frame];
        double total = 0;
        for (int i = 0; i < frame; i++) {
            w[i] = s[at + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
            total += w[i] * w[i];
        }
        if (total == 0) {
            return 0;
        }
        double binHz = (double) rate / frame;
        int from = (int) Math.ceil((toneHz - 300) / binHz);
        int to = (int) Math.floor((toneHz + 300) / binHz);
        double band = 0;
        for (int k = from; k <= to; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < frame; i++) {
                double phase = 2 * Math.PI * k * i / frame;
                re += w[i] * Math.cos(phase);
                im -= w[i] * Math.sin(phase);
            }
            band += re * re + im * im;
        }
        // Positive and negative frequencies, and Parseval's 1/N.
        return 2 * band / frame / total;
    }
}
