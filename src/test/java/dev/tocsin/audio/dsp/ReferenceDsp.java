package dev.tocsin.audio.dsp;

/**
 * The first, straightforward implementations of the resampler, true-peak meter and limiter
 * (per-tap kernel lookups, no skipping, double arrays), kept as references for the optimised
 * versions.
 */
final class ReferenceDsp {

    private static final int TAPS_PER_SIDE = 12;
    private static final float[][] PHASES = phases();

    private ReferenceDsp() {}

    static Pcm resample(Pcm in, int targetRate) {
        if (in.sampleRate() == targetRate) {
            return in;
        }
        double ratio = targetRate / (double) in.sampleRate();
        double cutoff = Math.min(1.0, ratio) * 0.95;
        SincKernel kernel = new SincKernel(16, cutoff, 8.6);
        float[] x = in.samples();
        int outLength = (int) Math.floor(x.length * ratio);
        float[] out = new float[outLength];
        double step = 1 / ratio;
        double half = kernel.halfWidth();
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int first = Math.max(0, (int) Math.ceil(t - half));
            int last = Math.min(x.length - 1, (int) Math.floor(t + half));
            double acc = 0;
            for (int i = first; i <= last; i++) {
                acc += x[i] * kernel.value(t - i);
            }
            out[n] = (float) acc;
        }
        return new Pcm(out, targetRate);
    }

    /** Largest |value| between each sample and the next (sample + 3 interpolated points). */
    static float[] envelope(float[] x) {
        float[] env = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            float m = Math.abs(x[n]);
            for (int p = 1; p < 4; p++) {
                float acc = 0;
                for (int k = 0; k < 2 * TAPS_PER_SIDE; k++) {
                    int i = n + k - TAPS_PER_SIDE + 1;
                    if (i >= 0 && i < x.length) {
                        acc += x[i] * PHASES[p][k];
                    }
                }
                m = Math.max(m, Math.abs(acc));
            }
            env[n] = m;
        }
        return env;
    }

    static float truePeak(Pcm pcm) {
        float peak = 0;
        for (float v : envelope(pcm.samples())) {
            peak = Math.max(peak, v);
        }
        return peak;
    }

    /** The compressor with its gain computed at every sample. */
    static Pcm compress(
            Pcm in, float inputGain, double thresholdDb, double ratio, double attackSeconds, double releaseSeconds) {
        float[] x = in.samples();
        float[] out = new float[x.length];
        double attack = Math.exp(-1 / (attackSeconds * in.sampleRate()));
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        double threshold = Math.pow(10, thresholdDb / 20);
        double envelope = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] * inputGain;
            double level = Math.abs(v);
            double coef = level > envelope ? attack : release;
            envelope = coef * envelope + (1 - coef) * level;
            out[i] = (float) (v * (envelope > threshold ? Math.pow(envelope / threshold, 1 / ratio - 1) : 1));
        }
        return new Pcm(out, in.sampleRate());
    }

    static Pcm limit(Pcm in, double ceilingDbtp, double lookaheadSeconds, double releaseSeconds) {
        float[] x = in.samples();
        double ceiling = Math.pow(10, ceilingDbtp / 20);
        double target = ceiling * Math.pow(10, -0.1 / 20);
        float[] env = envelope(x);
        int window = Math.max(1, (int) Math.round(lookaheadSeconds * in.sampleRate()));
        double[] needed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            needed[i] = env[i] > target ? target / env[i] : 1.0;
        }
        double[] lookahead = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double m = 1;
            for (int j = i; j < Math.min(x.length, i + window); j++) {
                m = Math.min(m, needed[j]);
            }
            lookahead[i] = m;
        }
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        float[] out = new float[x.length];
        double sum = 0;
        double gain = 1;
        for (int i = 0; i < x.length; i++) {
            sum += lookahead[i];
            if (i >= window) {
                sum -= lookahead[i - window];
            }
            double smoothed = sum / Math.min(i + 1, window);
            gain = smoothed < gain ? smoothed : release * gain + (1 - release) * smoothed;
            gain = Math.min(gain, smoothed);
            out[i] = (float) (x[i] * gain);
        }
        Pcm limited = new Pcm(out, in.sampleRate());
        float peak = truePeak(limited);
        return peak > target ? limited.gain((float) (target / peak)) : limited;
    }

    private static float[][] phases() {
        SincKernel kernel = new SincKernel(TAPS_PER_SIDE, 1.0, 7.0);
        float[][] phases = new float[4][2 * TAPS_PER_SIDE];
        for (int p = 0; p < 4; p++) {
            for (int k = 0; k < 2 * TAPS_PER_SIDE; k++) {
                phases[p][k] = (float) kernel.value(p / 4.0 - (k - TAPS_PER_SIDE + 1));
            }
        }
        return phases;
    }
}
