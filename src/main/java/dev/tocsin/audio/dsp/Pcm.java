package dev.tocsin.audio.dsp;

import java.util.Arrays;
import java.util.List;

/**
 * Mono float PCM (full scale = 1.0) at a sample rate. Instances are treated as immutable:
 * every operation returns a new signal and never writes into {@link #samples()}.
 */
public record Pcm(float[] samples, int sampleRate) {

    public Pcm {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public static Pcm silence(double seconds, int sampleRate) {
        return new Pcm(new float[(int) Math.round(seconds * sampleRate)], sampleRate);
    }

    public int length() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Joins signals of the same rate end to end. */
    public static Pcm concat(int sampleRate, List<Pcm> parts) {
        int total = 0;
        for (Pcm p : parts) {
            if (p.sampleRate != sampleRate) {
                throw new IllegalArgumentException("rate " + p.sampleRate + " != " + sampleRate);
            }
            total += p.length();
        }
        float[] out = new float[total];
        int at = 0;
        for (Pcm p : parts) {
            System.arraycopy(p.samples, 0, out, at, p.length());
            at += p.length();
        }
        return new Pcm(out, sampleRate);
    }

    public Pcm gainDb(double db) {
        return gain((float) Math.pow(10, db / 20));
    }

    public Pcm gain(float factor) {
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i] * factor;
        }
        return new Pcm(out, sampleRate);
    }

    /** Raised-cosine fade in and out, so cut speech never starts or stops with a click. */
    public Pcm fade(double inSeconds, double outSeconds) {
        float[] out = samples.clone();
        int in = Math.min(out.length, (int) Math.round(inSeconds * sampleRate));
        int fo = Math.min(out.length, (int) Math.round(outSeconds * sampleRate));
        for (int i = 0; i < in; i++) {
            out[i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * i / in));
        }
        for (int i = 0; i < fo; i++) {
            out[out.length - 1 - i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * i / fo));
        }
        return new Pcm(out, sampleRate);
    }

    /** Adds silence before and after. */
    public Pcm pad(double leadSeconds, double tailSeconds) {
        int lead = (int) Math.round(leadSeconds * sampleRate);
        int tail = (int) Math.round(tailSeconds * sampleRate);
        float[] out = new float[lead + samples.length + tail];
        System.arraycopy(samples, 0, out, lead, samples.length);
        return new Pcm(out, sampleRate);
    }

    /** Removes leading and trailing samples quieter than the threshold (engines pad unevenly). */
    public Pcm trim(double thresholdDb) {
        float threshold = (float) Math.pow(10, thresholdDb / 20);
        int start = 0;
        while (start < samples.length && Math.abs(samples[start]) < threshold) {
            start++;
        }
        int end = samples.length;
        while (end > start && Math.abs(samples[end - 1]) < threshold) {
            end--;
        }
        return new Pcm(Arrays.copyOfRange(samples, start, end), sampleRate);
    }

    public float samplePeak() {
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    public static double toDb(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-12));
    }
}
