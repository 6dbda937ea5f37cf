package dev.tocsin.audio.dsp;

/**
 * Second-order IIR section (direct form I, double state). Coefficients are normalised so that
 * a0 = 1. Factory methods follow the RBJ audio EQ cookbook; all depend on the sample rate, so
 * a filter is built per signal rate.
 */
public final class Biquad {

    private final double b0, b1, b2, a1, a2;
    private double x1, x2, y1, y2;

    public Biquad(double b0, double b1, double b2, double a1, double a2) {
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.a1 = a1;
        this.a2 = a2;
    }

    public static Biquad highPass(double cutoffHz, double q, int sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w) / (2 * q);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    public static Biquad lowPass(double cutoffHz, double q, int sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w) / (2 * q);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /**
     * BS.1770 K-weighting stage 1: the high-frequency shelf modelling the head. Coefficients
     * come from the analogue prototype (as libebur128 derives them), so they hold for any rate;
     * at 48 kHz they equal the table in BS.1770-4.
     */
    public static Biquad kWeightingShelf(int sampleRate) {
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        return new Biquad(
                (vh + vb * k / q + k * k) / a0,
                2 * (k * k - vh) / a0,
                (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0,
                (1 - k / q + k * k) / a0);
    }

    /** BS.1770 K-weighting stage 2: the RLB high-pass (about 38 Hz). */
    public static Biquad kWeightingHighPass(int sampleRate) {
        double f0 = 38.13547087602444;
        double q = 0.5003270373238773;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double a0 = 1 + k / q + k * k;
        return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
    }

    public double process(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }

    /** Filters a whole signal with a fresh state. */
    public Pcm apply(Pcm in) {
        reset();
        float[] s = in.samples();
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) process(s[i]);
        }
        return new Pcm(out, in.sampleRate());
    }

    /**
     * Filters a whole signal through two sections, each with a fresh state. Block by block,
     * one section at a time through a double buffer: both sections in one loop need more
     * registers than there are and the spills land on the recursion. Each sum adds its last
     * output last, so the recursion waits for only that one multiply and add.
     */
    public static Pcm cascade(Pcm in, Biquad first, Biquad second) {
        float[] s = in.samples();
        float[] out = new float[s.length];
        double[] block = new double[CASCADE_BLOCK];
        double[] firstState = new double[4];
        double[] secondState = new double[4];
        for (int from = 0; from < s.length; from += CASCADE_BLOCK) {
            int n = Math.min(CASCADE_BLOCK, s.length - from);
            first.run(s, from, block, n, firstState);
            second.run(block, n, out, from, secondState);
        }
        return new Pcm(out, in.sampleRate());
    }

    private static final int CASCADE_BLOCK = 1024;

    /** in[from .. from+n) into out[0 .. n), state {x1, x2, y1, y2} carried between blocks. */
    private void run(float[] in, int from, double[] out, int n, double[] state) {
        double b0 = this.b0, b1 = this.b1, b2 = this.b2, a1 = this.a1, a2 = this.a2;
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < n; i++) {
            double x = in[from + i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a2 * y2 - a1 * y1;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[i] = y;
        }
        state[0] = x1;
        state[1] = x2;
        state[2] = y1;
        state[3] = y2;
    }

    /** in[0 .. n) into out[to .. to+n) as floats, state carried between blocks. */
    private void run(double[] in, int n, float[] out, int to, double[] state) {
        double b0 = this.b0, b1 = this.b1, b2 = this.b2, a1 = this.a1, a2 = this.a2;
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < n; i++) {
            double x = in[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a2 * y2 - a1 * y1;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            out[to + i] = (float) y;
        }
        state[0] = x1;
        state[1] = x2;
        state[2] = y1;
        state[3] = y2;
    }

    /** {b0, b1, b2, a1, a2} with a0 = 1. */
    public double[] coefficients() {
        return new double[] {b0, b1, b2, a1, a2};
    }

    public void reset() {
        x1 = x2 = y1 = y2 = 0;
    }

    /** Magnitude response in dB at a frequency, for tests and documentation. */
    public double magnitudeDb(double hz, int sampleRate) {
        double w = 2 * Math.PI * hz / sampleRate;
        double nr = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
        double ni = -(b1 * Math.sin(w) + b2 * Math.sin(2 * w));
        double dr = 1 + a1 * Math.cos(w) + a2 * Math.cos(2 * w);
        double di = -(a1 * Math.sin(w) + a2 * Math.sin(2 * w));
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
