package dev.tocsin.audio.dsp;

import java.util.List;

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
        float[] peaks = windowMax(TruePeak.envelope(in.samples(), (float) target), window(in));
        return guarantee(limitAndMeasure(in, peaks, 1.0, target).pcm(), target);
    }

    /**
     * Scales the signal to the target loudness and limits it. Limiting lowers loudness, so the
     * gain is raised and the same signal limited again until it measures within 0.1 LU (at most
     * 6 dB of make-up). The true-peak envelope is linear in the gain, so it is computed once.
     */
    public Pcm applyAtLoudness(Pcm in, double targetLufs) {
        return Parts.join(applyAtLoudness(List.of(in), targetLufs));
    }

    /**
     * As {@link #applyAtLoudness(Pcm, double)} for a programme cut into parts ({@link Parts#split}):
     * each part is limited on its own core, one gain and one loudness for them all.
     */
    public List<Pcm> applyAtLoudness(List<Pcm> parts, double targetLufs) {
        double measured = LoudnessMeter.integrated(parts);
        if (parts.stream().allMatch(p -> p.length() == 0) || !Double.isFinite(measured)) {
            return parts;
        }
        double target = target();
        double gain = Math.pow(10, (targetLufs - measured) / 20);
        double maxGain = gain * Math.pow(10, MAX_TOP_UP_DB / 20);
        // Under target / maxGain a sample cannot reach the ceiling at any gain tried here.
        float floor = (float) (target / maxGain);
        List<float[]> peaks = Parts.each(parts, p -> windowMax(TruePeak.envelope(p.samples(), floor), window(p)));
        List<Integer> index = parts.size() == 1 ? List.of(0) : List.of(0, 1);
        int rate = parts.get(0).sampleRate();
        double gainDb = 20 * Math.log10(gain);
        double g0 = gain;
        List<Limited> out = Parts.each(index, i -> limitAndMeasure(parts.get(i), peaks.get(i), g0, target));
        double loudness = loudness(out, rate);
        // Loudness grows more slowly than the gain once the limiter works: secant steps on the
        // measured slope (LU per dB) converge in two or three tries.
        // (The first step assumes 1 LU per dB, so it stays under the target.)
        double slope = 1;
        for (int i = 1;
                i < LOUDNESS_TRIES
                        && Math.abs(targetLufs - loudness) > 0.1
                        && !(loudness < targetLufs && gain >= maxGain);
                i++) {
            double nextDb = Math.min(20 * Math.log10(maxGain), gainDb + (targetLufs - loudness) / slope);
            double nextGain = Math.pow(10, nextDb / 20);
            List<Limited> next = Parts.each(index, p -> limitAndMeasure(parts.get(p), peaks.get(p), nextGain, target));
            double nextLoudness = loudness(next, rate);
            if (nextDb != gainDb) {
                slope = Math.max(0.05, Math.min(1, (nextLoudness - loudness) / (nextDb - gainDb)));
            }
            gainDb = nextDb;
            gain = nextGain;
            loudness = nextLoudness;
            out = next;
        }
        return guarantee(out.stream().map(Limited::pcm).toList(), target);
    }

    /** A limited part and its K-weighted sub-block energies, worked out on the part's core. */
    private record Limited(Pcm pcm, double[] subBlockPower) {}

    /**
     * in x gain, with the gain curve that keeps env x gain under the target, and the K-weighted
     * energy of each 100 ms sub-block of the output. The gain a sample needs is
     * min(1, threshold / env); its minimum over the look-ahead window is
     * min(1, threshold / (maximum of env over the window)), so {@code peaks}, that windowed
     * maximum, is computed once for every gain tried and each try is one pass. The loudness
     * filters run in the same loop: both are bound by the latency of their recursions, so
     * together they cost about what one of them costs alone.
     */
    private Limited limitAndMeasure(Pcm in, float[] peaks, double gain, double target) {
        float[] x = in.samples();
        int n = x.length;
        int window = window(in);
        float[] out = new float[n];
        float threshold = (float) (target / gain);
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        double[] s = Biquad.kWeightingShelf(in.sampleRate()).coefficients();
        double[] h = Biquad.kWeightingHighPass(in.sampleRate()).coefficients();
        double sb0 = s[0], sb1 = s[1], sb2 = s[2], sa1 = s[3], sa2 = s[4];
        double hb0 = h[0], hb1 = h[1], hb2 = h[2], ha1 = h[3], ha2 = h[4];
        double sx1 = 0, sx2 = 0, sy1 = 0, sy2 = 0, hy1 = 0, hy2 = 0;
        int step = LoudnessMeter.step(in.sampleRate());
        double[] power = new double[n / step];
        double sum = 0;
        double g = 1;
        double perWindow = 1.0 / window;
        for (int b = 0, i = 0; i < n; b++) {
            double energy = 0;
            for (int end = Math.min(n, i + step); i < end; i++) {
                double smoothed;
                if (i < window) {
                    sum += needed(peaks[i], threshold);
                    smoothed = sum / (i + 1);
                } else {
                    sum += needed(peaks[i], threshold) - needed(peaks[i - window], threshold);
                    smoothed = sum * perWindow;
                }
                g = smoothed < g ? smoothed : Math.min(smoothed, release * g + (1 - release) * smoothed);
                float v = (float) (x[i] * gain * g);
                out[i] = v;
                double shelved = sb0 * v + sb1 * sx1 + sb2 * sx2 - sa2 * sy2 - sa1 * sy1;
                sx2 = sx1;
                sx1 = v;
                double y = hb0 * shelved + hb1 * sy1 + hb2 * sy2 - ha2 * hy2 - ha1 * hy1;
                sy2 = sy1;
                sy1 = shelved;
                hy2 = hy1;
                hy1 = y;
                energy += y * y;
            }
            if (b < power.length) {
                power[b] = energy;
            }
        }
        return new Limited(new Pcm(out, in.sampleRate()), power);
    }

    private static double loudness(List<Limited> parts, int rate) {
        return LoudnessMeter.integrated(
                parts.stream().map(Limited::subBlockPower).toList(), rate);
    }

    private double target() {
        return Math.pow(10, ceilingDbtp / 20) * Math.pow(10, -0.1 / 20);
    }

    private int window(Pcm in) {
        return Math.max(1, (int) Math.round(lookaheadSeconds * in.sampleRate()));
    }

    private static float needed(float peak, float threshold) {
        return peak > threshold ? threshold / peak : 1f;
    }

    private static Pcm guarantee(Pcm limited, double target) {
        return guarantee(List.of(limited), target).get(0);
    }

    private static List<Pcm> guarantee(List<Pcm> limited, double target) {
        // Windows provably under the target are not interpolated: when the result exceeds the
        // target it is the exact true peak, and otherwise the true peak is under the target.
        float peak = 0;
        for (float partPeak : Parts.each(limited, p -> TruePeak.max(p.samples(), (float) target))) {
            peak = Math.max(peak, partPeak);
        }
        if (peak <= target) {
            return limited;
        }
        float scale = (float) (target / peak);
        return Parts.each(limited, p -> p.gain(scale));
    }

    /**
     * out[i] = max(v[i .. i+window-1]) for a non-negative v (van Herk / Gil-Werman): within blocks of {@code window}
     * samples, running maxima from each block's end and from its start; a window spans at most
     * two blocks, so it is the larger of the two. Three branch-light passes, no deque.
     */
    static float[] windowMax(float[] v, int window) {
        int n = v.length;
        float[] fromEnd = new float[n];
        float[] fromStart = new float[n];
        for (int start = 0; start < n; start += window) {
            int end = Math.min(n, start + window);
            float m = 0;
            for (int i = start; i < end; i++) {
                m = v[i] > m ? v[i] : m;
                fromStart[i] = m;
            }
            m = 0;
            for (int i = end - 1; i >= start; i--) {
                m = v[i] > m ? v[i] : m;
                fromEnd[i] = m;
            }
        }
        for (int start = 0; start < n; start += window) {
            int end = Math.min(n, start + window);
            for (int i = start; i < end; i++) {
                int last = Math.min(n - 1, i + window - 1);
                if (last >= end) {
                    float b = fromStart[last];
                    fromEnd[i] = b > fromEnd[i] ? b : fromEnd[i];
                }
            }
        }
        return fromEnd;
    }
}
