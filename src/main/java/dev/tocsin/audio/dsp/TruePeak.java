package dev.tocsin.audio.dsp;

/**
 * True peak per ITU-R BS.1770-4 Annex 2: the signal is oversampled four times and the largest
 * absolute value of the interpolated waveform is taken, which catches the inter-sample peaks a
 * DAC or an MP3 decoder will reproduce.
 */
public final class TruePeak {

    static final int OVERSAMPLING = 4;
    private static final int TAPS_PER_SIDE = 12;
    /** Samples per block for the "provably under the floor" test. */
    private static final int BLOCK = 8;
    private static final float[][] PHASES = phases();
    /** Largest sum of |tap| over the phases: bounds an interpolated value by the nearby samples. */
    private static final float L1 = l1(PHASES);

    private TruePeak() {
    }

    /** True peak in dBTP. */
    public static double dbtp(Pcm pcm) {
        return Pcm.toDb(max(pcm));
    }

    public static float max(Pcm pcm) {
        // Windows that cannot beat the sample peak are skipped; the result is still exact.
        float[] env = envelope(pcm.samples(), pcm.samplePeak());
        float peak = 0;
        for (float v : env) {
            peak = Math.max(peak, v);
        }
        return peak;
    }

    /**
     * For every sample, the largest absolute value of the waveform between it and the next
     * sample (the sample itself and the three interpolated points after it).
     */
    static float[] envelope(float[] x) {
        return envelope(x, 0);
    }

    /**
     * As {@link #envelope(float[])}, except that where the interpolated values provably stay at
     * or under {@code floor} (largest nearby sample times the kernel's L1 norm) the sample's own
     * magnitude is returned without interpolating. Speech is mostly far under its peak, so this
     * skips most of the filtering.
     */
    static float[] envelope(float[] x, float floor) {
        // Zero-padded copy so the filter loop has no bounds tests (it dominates mastering time).
        int pad = TAPS_PER_SIDE;
        float[] padded = new float[x.length + 2 * pad];
        System.arraycopy(x, 0, padded, pad, x.length);
        float[] h1 = PHASES[1];
        float[] h2 = PHASES[2];
        float[] h3 = PHASES[3];
        float[] env = new float[x.length];
        float[] blockMax = blockMax(x);
        for (int b = 0; b < blockMax.length; b++) {
            int start = b * BLOCK;
            int end = Math.min(x.length, start + BLOCK);
            // Samples n-11 .. n+12 of every n in block b lie in blocks b-2 .. b+2.
            if (floor > 0 && neighbourhoodMax(blockMax, b) * L1 <= floor) {
                for (int n = start; n < end; n++) {
                    env[n] = Math.abs(x[n]);
                }
                continue;
            }
            for (int n = start; n < end; n++) {
                int base = n + 1;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                for (int k = 0; k < 2 * TAPS_PER_SIDE; k++) {
                    float v = padded[base + k];
                    a1 += v * h1[k];
                    a2 += v * h2[k];
                    a3 += v * h3[k];
                }
                env[n] = Math.max(Math.max(Math.abs(x[n]), Math.abs(a1)), Math.max(Math.abs(a2), Math.abs(a3)));
            }
        }
        return env;
    }

    private static float[] blockMax(float[] x) {
        float[] m = new float[(x.length + BLOCK - 1) / BLOCK];
        for (int b = 0; b < m.length; b++) {
            float max = 0;
            for (int i = b * BLOCK, end = Math.min(x.length, i + BLOCK); i < end; i++) {
                max = Math.max(max, Math.abs(x[i]));
            }
            m[b] = max;
        }
        return m;
    }

    private static float neighbourhoodMax(float[] blockMax, int b) {
        float m = 0;
        for (int i = Math.max(0, b - 2), last = Math.min(blockMax.length - 1, b + 2); i <= last; i++) {
            m = Math.max(m, blockMax[i]);
        }
        return m;
    }

    /** Polyphase taps: phase p interpolates at n + p/4 from samples n-11 .. n+12. */
    private static float l1(float[][] phases) {
        float max = 0;
        for (float[] h : phases) {
            float sum = 0;
            for (float v : h) {
                sum += Math.abs(v);
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private static float[][] phases() {
        SincKernel kernel = new SincKernel(TAPS_PER_SIDE, 1.0, 7.0);
        float[][] phases = new float[OVERSAMPLING][2 * TAPS_PER_SIDE];
        for (int p = 0; p < OVERSAMPLING; p++) {
            double frac = p / (double) OVERSAMPLING;
            for (int k = 0; k < 2 * TAPS_PER_SIDE; k++) {
                int offset = k - TAPS_PER_SIDE + 1;
                phases[p][k] = (float) kernel.value(frac - offset);
            }
        }
        return phases;
    }
}
