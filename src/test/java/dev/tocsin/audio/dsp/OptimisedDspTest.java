package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The optimised resampler, true-peak meter and limiter against the reference implementations. */
class OptimisedDspTest {

    @Test
    void polyphaseResamplerMatchesTheDirectSincInterpolation() {
        int[][] pairs = {{22050, 16000}, {16000, 22050}, {16000, 24000}, {44100, 16000}, {48000, 16000}, {11025, 16000}
        };
        for (int[] pair : pairs) {
            Pcm in = Signals.bursts(2, pair[0], -1, 3);
            Pcm fast = Resampler.resample(in, pair[1]);
            Pcm reference = ReferenceDsp.resample(in, pair[1]);
            assertThat(fast.length()).isEqualTo(reference.length());
            assertThat(maxDifference(fast, reference))
                    .as("%d -> %d", pair[0], pair[1])
                    .isLessThan(2e-6);
        }
    }

    @Test
    void oddRatePairsFallBackToDirectInterpolation() {
        Pcm in = Signals.sine(440, -6, 0.5, 44101);
        Pcm out = Resampler.resample(in, 16000);
        assertThat(maxDifference(out, ReferenceDsp.resample(in, 16000))).isLessThan(2e-6);
    }

    @Test
    void cascadeInBlocksEqualsTheTwoSectionsSampleBySample() {
        Pcm speechLike = Signals.bursts(3, 16000, -3, 4);
        Biquad hp = Biquad.highPass(150, 0.7071, 16000);
        Biquad lp = Biquad.lowPass(5000, 0.7071, 16000);
        Pcm fast = Biquad.cascade(speechLike, hp, lp);
        Pcm reference = lp.apply(hp.apply(speechLike));
        assertThat(maxDifference(fast, reference)).isLessThan(1e-6);
    }

    @Test
    void compressorAtControlRateStaysWithinInaudibleDistanceOfPerSampleGain() {
        Pcm speechLike = Signals.bursts(5, 16000, 0, 6);
        Compressor compressor = new Compressor(-18, 3, 0.005, 0.15);
        Pcm fast = compressor.apply(speechLike, 1.2f);
        Pcm reference = ReferenceDsp.compress(speechLike, 1.2f, -18, 3, 0.005, 0.15);
        float[] x = speechLike.samples();
        double worstDb = 0;
        double sumDb = 0;
        int counted = 0;
        int compressed = 0;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > 1e-3) {
                double db = Pcm.toDb(Math.abs(fast.samples()[i] / reference.samples()[i]));
                worstDb = Math.max(worstDb, Math.abs(db));
                sumDb += Math.abs(db);
                counted++;
                compressed += Math.abs(reference.samples()[i]) < Math.abs(x[i] * 1.2f) * 0.9 ? 1 : 0;
            }
        }
        assertThat(compressed)
                .as("samples the reference turned down by 1 dB or more")
                .isGreaterThan(x.length / 10);
        assertThat(worstDb).isLessThan(0.2);
        assertThat(sumDb / counted).isLessThan(0.01);
    }

    @Test
    void truePeakWithSkippedWindowsEqualsTheFullComputation() {
        for (long seed = 1; seed <= 5; seed++) {
            Pcm speechLike = Signals.bursts(3, 16000, -2 + seed, seed);
            assertThat(TruePeak.max(speechLike)).isEqualTo(ReferenceDsp.truePeak(speechLike));
        }
        Pcm quarterRate = new Pcm(Signals.sine(4000, 0, 1, 16000, Math.PI / 4), 16000);
        assertThat(TruePeak.max(quarterRate)).isEqualTo(ReferenceDsp.truePeak(quarterRate));
    }

    @Test
    void limiterMatchesTheReferenceLimiter() {
        Pcm hot = Signals.bursts(5, 16000, 4, 9);
        Pcm fast = new TruePeakLimiter(-1.8, 0.005, 0.08).apply(hot);
        Pcm reference = ReferenceDsp.limit(hot, -1.8, 0.005, 0.08);
        assertThat(maxDifference(fast, reference)).isLessThan(1e-5);
        assertThat(TruePeak.dbtp(fast)).isLessThanOrEqualTo(-1.8);
    }

    @Test
    void limitingAtLoudnessHitsTheTargetUnderTheCeiling() {
        Pcm speechLike = Signals.bursts(8, 16000, -12, 4);
        Pcm out = new TruePeakLimiter(-1.8, 0.005, 0.08).applyAtLoudness(speechLike, -14);
        assertThat(LoudnessMeter.integrated(out)).isCloseTo(-14, within(0.15));
        assertThat(TruePeak.dbtp(out)).isLessThanOrEqualTo(-1.8);
        assertThat(ReferenceDsp.truePeak(out)).isLessThanOrEqualTo((float) Math.pow(10, -1.8 / 20));
    }

    @Test
    void windowedMaximumEqualsTheDirectMaximumAtEveryLengthAndWindow() {
        java.util.Random random = new java.util.Random(7);
        for (int n : new int[] {1, 2, 7, 80, 81, 1000}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextFloat();
            }
            for (int window : new int[] {1, 2, 3, 80, 2000}) {
                float[] fast = TruePeakLimiter.windowMax(v, window);
                for (int i = 0; i < n; i++) {
                    float max = 0;
                    for (int j = i; j < Math.min(n, i + window); j++) {
                        max = Math.max(max, v[j]);
                    }
                    assertThat(fast[i]).as("n=%d window=%d i=%d", n, window, i).isEqualTo(max);
                }
            }
        }
    }

    private static double maxDifference(Pcm a, Pcm b) {
        double max = 0;
        for (int i = 0; i < a.length(); i++) {
            max = Math.max(max, Math.abs(a.samples()[i] - b.samples()[i]));
        }
        return max;
    }
}
