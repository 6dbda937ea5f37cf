package dev.tocsin.audio.dsp;

/**
 * Look-ahead limiter that keeps the true peak (4x oversampled, as {@link TruePeak} measures
 * it) under a ceiling. The needed gain is a running minimum over the look-ahead window,
 * smoothed by a box filter of the same length (so it never exceeds what any sample needs) and
 * released slowly. A final measurement scales the whole signal down if interpolation between
 * gain steps still overshoots, so the ceiling is a guarantee, not an estimate.
 */
public record TruePeakLimiter(double ceilingDbtp, double lookaheadSeconds, double releaseSeconds) {

    /** Largest make-up gain {@link #applyAtLoudness} adds to compensate for limiting. */
    private static final double MAX_TOP_UP_DB = 6;
    private static final int LOUDNESS_TRIES = 5;

    public Pcm apply(Pcm in) {
        if (in.length() == 0) {
            return in;
        }
        double target = target();
        float[] env = TruePeak.envelope(in.samples(), (float) target);
        return guarantee(limit(in, env, 1.0, target), target);
    }

    /**
     * Scales the signal to the target loudness and limits it. Limiting lowers loudness, so the
     * gain is raised and the same signal limited again until it measures within 0.1 LU (at most
     * 6 dB of make-up). The true-peak envelope is linear in the gain, so it is computed once.
     */
    public Pcm applyAtLoudness(Pcm in, double targetLufs) {
        double measured = LoudnessMeter.integrated(in);
        if (in.length() == 0 || !Double.isFinite(measured)) {
            return in;
        }
        double target = target();
        double gain = Math.pow(10, (targetLufs - measured) / 20);
        double maxGain = gain * Math.pow(10, MAX_TOP_UP_DB / 20);
        // Under target / maxGain a sample cannot reach the ceiling at any gain tried here.
        float[] env = TruePeak.envelope(in.samples(), (float) (target / maxGain));
        double gainDb = 20 * Math.log10(gain);
        Pcm out = limit(in, env, gain, target);
        double loudness = LoudnessMeter.integrated(out);
        // Loudness grows more slowly than the gain once the limiter works: secant steps on the
        // measured slope (LU per dB) converge in two or three tries.
        // (The first step assumes 1 LU per dB, so it stays under the target.)
        double slope = 1;
        for (int i = 1; i < LOUDNESS_TRIES && Math.abs(targetLufs - loudness) > 0.1
                && !(loudness < targetLufs && gain >= maxGain); i++) {
            double nextDb = Math.min(20 * Math.log10(maxGain), gainDb + (targetLufs - loudness) / slope);
            Pcm next = limit(in, env, Math.pow(10, nextDb / 20), target);
            double nextLoudness = LoudnessMeter.integrated(next);
            if (nextDb != gainDb) {
                slope = Math.max(0.05, Math.min(1, (nextLoudness - loudness) / (nextDb - gainDb)));
            }
            gainDb = nextDb;
            gain = Math.pow(10, nextDb / 20);
            loudness = nextLoudness;
            out = next;
        }
        return guarantee(out, target);
    }

    private double target() {
        return Math.pow(10, ceilingDbtp / 20) * Math.pow(10, -0.1 / 20);
    }

    /** in x gain, with the gain curve that keeps env x gain under the target. */
    private Pcm limit(Pcm in, float[] env, double gain, double target) {
        float[] x = in.samples();
        int n = x.length;
        int window = Math.max(1, (int) Math.round(lookaheadSeconds * in.sampleRate()));
        float[] needed = new float[n];
        float threshold = (float) (target / gain);
        for (int i = 0; i < n; i++) {
            needed[i] = env[i] > threshold ? (float) (threshold / env[i]) : 1f;
        }
        float[] lookahead = forwardMinimum(needed, window);
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        float[] out = needed; // reused: needed[i] is not read again once lookahead exists
        double sum = 0;
        double g = 1;
        int rampUp = Math.min(n, window);
        for (int i = 0; i < rampUp; i++) {
            sum += lookahead[i];
            double smoothed = sum / (i + 1);
            g = smoothed < g ? smoothed : Math.min(smoothed, release * g + (1 - release) * smoothed);
            out[i] = (float) (x[i] * gain * g);
        }
        double perWindow = 1.0 / window;
        for (int i = rampUp; i < n; i++) {
            sum += lookahead[i] - lookahead[i - window];
            double smoothed = sum * perWindow;
            g = smoothed < g ? smoothed : Math.min(smoothed, release * g + (1 - release) * smoothed);
            out[i] = (float) (x[i] * gain * g);
        }
        return new Pcm(out, in.sampleRate());
    }

    private static Pcm guarantee(Pcm limited, double target) {
        float peak = TruePeak.max(limited);
        return peak > target ? limited.gain((float) (target / peak)) : limited;
    }

    /** out[i] = min(v[i .. i+window-1]), with a monotonic deque for linear time. */
    private static float[] forwardMinimum(float[] v, int window) {
        int n = v.length;
        float[] out = new float[n];
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
