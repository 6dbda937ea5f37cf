package dev.tocsin.audio.dsp;

/**
 * True peak per ITU-R BS.1770-4 Annex 2: the signal is oversampled four times and the largest
 * absolute value of the interpolated waveform is taken, which catches the inter-sample peaks a
 * DAC or an MP3 decoder will reproduce.
 */
public final class TruePeak {

    static final int OVERSAMPLING = 4;
    private static final int TAPS_PER_SIDE = 12;
    private static final float[][] PHASES = phases();

    private TruePeak() {
    }

    /** True peak in dBTP. */
    public static double dbtp(Pcm pcm) {
        return Pcm.toDb(max(pcm));
    }

    public static float max(Pcm pcm) {
        float[] env = envelope(pcm.samples());
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
        float[] env = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            float m = Math.abs(x[n]);
            for (int p = 1; p < OVERSAMPLING; p++) {
                float[] h = PHASES[p];
                double acc = 0;
                for (int k = 0; k < h.length; k++) {
                    int i = n - TAPS_PER_SIDE + 1 + k;
                    if (i >= 0 && i < x.length) {
                        acc += x[i] * h[k];
                    }
                }
                m = Math.max(m, (float) Math.abs(acc));
            }
            env[n] = m;
        }
        return env;
    }

    /** Polyphase taps: phase p interpolates at n + p/4 from samples n-11 .. n+12. */
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
