package dev.tocsin.sip;

/**
 * Band-limited resampling by windowed-sinc interpolation (Blackman window, 16 zero crossings a
 * side). The cut-off sits at 45 % of the lower rate so a tone above the new Nyquist frequency is
 * removed instead of folding back into the speech band.
 */
final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final double CUTOFF = 0.45;
    // The windowed sinc depends only on the distance in zero crossings, so it is tabulated once
    // (linear interpolation between points): fifty pages resampling at once stay cheap.
    private static final int TABLE_STEPS = 512;
    private static final double[] KERNEL = new double[ZERO_CROSSINGS * TABLE_STEPS + 2];

    static {
        for (int i = 0; i < KERNEL.length; i++) {
            double u = (double) i / TABLE_STEPS;
            KERNEL[i] = sinc(u) * blackman(u / ZERO_CROSSINGS);
        }
    }

    private Resampler() {}

    static short[] resample(short[] in, int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) throw new IllegalArgumentException("sample rate must be positive");
        if (inRate == outRate) return in.clone();
        int outLen = (int) Math.ceil((double) in.length * outRate / inRate);
        short[] out = new short[outLen];
        // Normalised cut-off in cycles per input sample.
        double fc = CUTOFF * Math.min(inRate, outRate) / inRate;
        double halfWidth = ZERO_CROSSINGS / (2 * fc);
        double step = (double) inRate / outRate;
        for (int n = 0; n < outLen; n++) {
            double t = n * step;
            int first = (int) Math.ceil(t - halfWidth);
            int last = (int) Math.floor(t + halfWidth);
            double acc = 0;
            for (int k = Math.max(first, 0); k <= Math.min(last, in.length - 1); k++) {
                acc += in[k] * kernel(Math.abs(2 * fc * (k - t)));
            }
            out[n] = clip(acc * 2 * fc);
        }
        return out;
    }

    /** sinc(u) times the window, u in zero crossings (0..ZERO_CROSSINGS). */
    private static double kernel(double u) {
        double pos = u * TABLE_STEPS;
        int i = (int) pos;
        if (i >= KERNEL.length - 1) return 0;
        double frac = pos - i;
        return KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]);
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) return 1;
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over [-1, 1]. */
    private static double blackman(double x) {
        if (x <= -1 || x >= 1) return 0;
        double p = Math.PI * (x + 1); // 0..2pi
        return 0.42 - 0.5 * Math.cos(p) + 0.08 * Math.cos(2 * p);
    }

    private static short clip(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
