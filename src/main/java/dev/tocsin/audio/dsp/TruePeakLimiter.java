package dev.tocsin.audio.dsp;

/**
 * Look-ahead limiter that keeps the true peak (4x oversampled, as {@link TruePeak} measures
 * it) under a ceiling. The needed gain is a running minimum over the look-ahead window,
 * smoothed by a box filter of the same length (so it never exceeds what any sample needs) and
 * released slowly. A final measurement scales the whole signal down if interpolation between
 * gain steps still overshoots, so the ceiling is a guarantee, not an estimate.
 */
public record TruePeakLimiter(double ceilingDbtp, double lookaheadSeconds, double releaseSeconds) {

    public Pcm apply(Pcm in) {
        float[] x = in.samples();
        if (x.length == 0) {
            return in;
        }
        double ceiling = Math.pow(10, ceilingDbtp / 20);
        double target = ceiling * Math.pow(10, -0.1 / 20);
        float[] env = TruePeak.envelope(x, (float) target);
        int window = Math.max(1, (int) Math.round(lookaheadSeconds * in.sampleRate()));
        double[] needed = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            needed[i] = env[i] > target ? target / env[i] : 1.0;
        }
        double[] lookahead = forwardMinimum(needed, window);
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
        float peak = TruePeak.max(limited);
        return peak > target ? limited.gain((float) (target / peak)) : limited;
    }

    /** out[i] = min(v[i .. i+window-1]), with a monotonic deque for linear time. */
    private static double[] forwardMinimum(double[] v, int window) {
        int n = v.length;
        double[] out = new double[n];
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && v[deque[tail - 1]] >= v[i]) {
                tail--;
            }
            deque[tail++] = i;
            while (deque[head] >= i + window) {
                head++;
            }
            out[i] = v[deque[head]];
        }
        return out;
    }
}
