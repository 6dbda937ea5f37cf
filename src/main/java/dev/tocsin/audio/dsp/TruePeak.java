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
    /** Longest run of samples filtered in one go (fits the level-1 cache with its accumulators). */
    private static final int RUN = 512;

    private static final float[][] PHASES = phases();
    /** Largest sum of |tap| over the phases: bounds an interpolated value by the nearby samples. */
    private static final float L1 = l1(PHASES);

    private TruePeak() {}

    /** True peak in dBTP. */
    public static double dbtp(Pcm pcm) {
        return Pcm.toDb(max(pcm));
    }

    public static float max(Pcm pcm) {
        // Windows that cannot beat the sample peak are skipped; the result is still exact.
        return max(pcm.samples(), pcm.samplePeak());
    }

    /**
     * The true peak where it exceeds {@code floor}; otherwise some value at or under the floor
     * (windows provably under it are not interpolated).
     */
    static float max(float[] x, float floor) {
        float peak = 0;
        for (float v : envelope(x, floor)) {
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
        float[] env = new float[x.length];
        float[] blockMax = blockMax(x);
        float[][] work = new float[OVERSAMPLING][RUN];
        int b = 0;
        while (b < blockMax.length) {
            // Samples n-11 .. n+12 of every n in block b lie in blocks b-2 .. b+2.
            if (floor > 0 && neighbourhoodMax(blockMax, b) * L1 <= floor) {
                for (int n = b * BLOCK, end = Math.min(x.length, n + BLOCK); n < end; n++) {
                    env[n] = Math.abs(x[n]);
                }
                b++;
                continue;
            }
            // A run of blocks that need interpolating, filtered together.
            int first = b;
            do {
                b++;
            } while (b < blockMax.length
                    && b - first < RUN / BLOCK
                    && !(floor > 0 && neighbourhoodMax(blockMax, b) * L1 <= floor));
            int start = first * BLOCK;
            interpolate(padded, x, env, start, Math.min(x.length, b * BLOCK) - start, work);
        }
        return env;
    }

    /**
     * env[start .. start+length) from the three interpolating phases. The tap loop is outside
     * the sample loop, over a copy of the input shifted by the tap, so every array in the
     * sample loop is indexed alike and the JIT vectorises it; each sum still adds its taps in
     * order, so the result is the same as one dot product per sample.
     */
    private static void interpolate(float[] padded, float[] x, float[] env, int start, int length, float[][] work) {
        float[] shifted = work[0];
        float[] a1 = work[1];
        float[] a2 = work[2];
        float[] a3 = work[3];
        java.util.Arrays.fill(a1, 0, length, 0f);
        java.util.Arrays.fill(a2, 0, length, 0f);
        java.util.Arrays.fill(a3, 0, length, 0f);
        for (int k = 0; k < 2 * TAPS_PER_SIDE; k++) {
            System.arraycopy(padded, start + 1 + k, shifted, 0, length);
            accumulate(shifted, a1, a2, a3, PHASES[1][k], PHASES[2][k], PHASES[3][k], length);
        }
        // The same indexing again for the magnitudes, then one copy out.
        System.arraycopy(x, start, shifted, 0, length);
        for (int i = 0; i < length; i++) {
            shifted[i] = Math.max(
                    Math.max(Math.abs(shifted[i]), Math.abs(a1[i])), Math.max(Math.abs(a2[i]), Math.abs(a3[i])));
        }
        System.arraycopy(shifted, 0, env, start, length);
    }

    private static void accumulate(
            float[] v, float[] a1, float[] a2, float[] a3, float h1, float h2, float h3, int length) {
        for (int i = 0; i < length; i++) {
            a1[i] += v[i] * h1;
            a2[i] += v[i] * h2;
            a3[i] += v[i] * h3;
        }
    }

    private static float[] blockMax(float[] x) {
        float[] m = new float[(x.length + BLOCK - 1) / BLOCK];
        int whole = x.length / BLOCK;
        for (int b = 0; b < whole; b++) {
            int i = b * BLOCK;
            // A tree rather than a chain of eight maxima: shorter dependency chain.
            float m01 = Math.max(Math.abs(x[i]), Math.abs(x[i + 1]));
            float m23 = Math.max(Math.abs(x[i + 2]), Math.abs(x[i + 3]));
            float m45 = Math.max(Math.abs(x[i + 4]), Math.abs(x[i + 5]));
            float m67 = Math.max(Math.abs(x[i + 6]), Math.abs(x[i + 7]));
            m[b] = Math.max(Math.max(m01, m23), Math.max(m45, m67));
        }
        for (int b = whole; b < m.length; b++) {
            float max = 0;
            for (int i = b * BLOCK; i < x.length; i++) {
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
