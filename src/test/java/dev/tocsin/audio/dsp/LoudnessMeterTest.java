package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference cases from EBU Tech 3341 (stereo 1 kHz sines, expected -23.0 LUFS +-0.1), which
 * exercise K-weighting and both gates, plus the mono convention Tocsin's programmes use.
 */
class LoudnessMeterTest {

    private static final int RATE = 48000;

    private static float[][] stereoSequence(double[][] levelAndSeconds) {
        int total = 0;
        for (double[] ls : levelAndSeconds) {
            total += (int) Math.round(ls[1] * RATE);
        }
        float[] channel = new float[total];
        int at = 0;
        for (double[] ls : levelAndSeconds) {
            float[] part = Signals.sine(1000, ls[0], ls[1], RATE, 0);
            System.arraycopy(part, 0, channel, at, part.length);
            at += part.length;
        }
        return new float[][] {channel, channel.clone()};
    }

    @Test
    void tech3341Case1StereoSineAtMinus23DbfsReadsMinus23Lufs() {
        assertThat(LoudnessMeter.integrated(stereoSequence(new double[][] {{-23, 20}}), RATE))
                .isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case2StereoSineAtMinus33DbfsReadsMinus33Lufs() {
        assertThat(LoudnessMeter.integrated(stereoSequence(new double[][] {{-33, 20}}), RATE))
                .isCloseTo(-33.0, within(0.1));
    }

    @Test
    void tech3341Case3RelativeGateIgnoresQuietLeadInAndOut() {
        assertThat(LoudnessMeter.integrated(stereoSequence(new double[][] {{-36, 10}, {-23, 60}, {-36, 10}}), RATE))
                .isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case4AbsoluteAndRelativeGates() {
        double[][] seq = {{-72, 10}, {-36, 10}, {-23, 60}, {-36, 10}, {-72, 10}};
        assertThat(LoudnessMeter.integrated(stereoSequence(seq), RATE)).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case5LevelStepsAverageToMinus23() {
        double[][] seq = {{-26, 20}, {-20, 20.1}, {-26, 20}};
        assertThat(LoudnessMeter.integrated(stereoSequence(seq), RATE)).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void monoSineReadsThreeDecibelsBelowTheSameSineOnTwoChannels() {
        // One channel carries half the power of two: -23 dBFS mono => -26.01 LUFS.
        assertThat(LoudnessMeter.integrated(Signals.sine(1000, -23, 20, RATE))).isCloseTo(-26.01, within(0.1));
        assertThat(LoudnessMeter.integrated(Signals.sine(997, -20, 10, RATE))).isCloseTo(-23.01, within(0.1));
    }

    @Test
    void meterReadsTheSameAtLoudspeakerSampleRates() {
        for (int rate : new int[] {16000, 22050, 44100}) {
            assertThat(LoudnessMeter.integrated(Signals.sine(1000, -20, 10, rate)))
                    .as("rate %d", rate)
                    .isCloseTo(-23.01, within(0.1));
        }
    }

    @Test
    void silenceIsGatedOut() {
        assertThat(LoudnessMeter.integrated(Pcm.silence(5, 16000))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LoudnessMeter.integrated(Signals.sine(1000, -80, 5, 16000))).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
