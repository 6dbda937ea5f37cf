package dev.tocsin.audio.dsp;

import java.util.Random;

/** Reference signals and simple measurements for DSP tests. */
public final class Signals {

    private Signals() {}

    public static float[] sine(double hz, double peakDbfs, double seconds, int rate, double phase) {
        int n = (int) Math.round(seconds * rate);
        double amplitude = Math.pow(10, peakDbfs / 20);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + phase));
        }
        return out;
    }

    public static Pcm sine(double hz, double peakDbfs, double seconds, int rate) {
        return new Pcm(sine(hz, peakDbfs, seconds, rate, 0), rate);
    }

    /** Speech-like test signal: noise bursts of varying level with short gaps (syllables). */
    public static Pcm bursts(double seconds, int rate, double peakDbfs, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) (seconds * rate)];
        double amplitude = Math.pow(10, peakDbfs / 20);
        int i = 0;
        while (i < out.length) {
            int burst = (int) (rate * (0.12 + 0.2 * random.nextDouble()));
            double level = amplitude * (0.2 + 0.8 * random.nextDouble());
            double hz = 150 + 250 * random.nextDouble();
            for (int k = 0; k < burst && i < out.length; k++, i++) {
                double env = Math.sin(Math.PI * k / burst);
                double voiced = Math.sin(2 * Math.PI * hz * k / rate) + 0.5 * Math.sin(2 * Math.PI * 3 * hz * k / rate);
                out[i] = (float) (level * env * (0.6 * voiced + 0.3 * random.nextGaussian()) / 1.2);
            }
            i += (int) (rate * 0.05 * random.nextDouble());
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(-1f, Math.min(1f, out[k]));
        }
        return new Pcm(out, rate);
    }

    public static double rmsDb(Pcm pcm, double fromSeconds, double toSeconds) {
        int a = (int) (fromSeconds * pcm.sampleRate());
        int b = Math.min(pcm.length(), (int) (toSeconds * pcm.sampleRate()));
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += pcm.samples()[i] * (double) pcm.samples()[i];
        }
        return 10 * Math.log10(sum / (b - a));
    }

    /** Frequency estimated from upward zero crossings over the middle of the signal. */
    public static double frequency(Pcm pcm) {
        float[] s = pcm.samples();
        int from = s.length / 10;
        int to = s.length - s.length / 10;
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = from; i < to - 1; i++) {
            if (s[i] <= 0 && s[i + 1] > 0) {
                double t = i + s[i] / (double) (s[i] - s[i + 1]);
                if (first < 0) {
                    first = t;
                } else {
                    crossings++;
                }
                last = t;
            }
        }
        return crossings * pcm.sampleRate() / (last - first);
    }
}
