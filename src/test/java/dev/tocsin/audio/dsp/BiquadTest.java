package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BiquadTest {

    private static double attenuation(Biquad filter, double hz, int rate) {
        Pcm in = Signals.sine(hz, -6, 1, rate);
        Pcm out = filter.apply(in);
        return Signals.rmsDb(out, 0.5, 1.0) - Signals.rmsDb(in, 0.5, 1.0);
    }

    @Test
    void highPassAt150HzRemovesHumAndKeepsVoice() {
        assertThat(attenuation(Biquad.highPass(150, 0.707, 16000), 50, 16000)).isLessThan(-18);
        assertThat(attenuation(Biquad.highPass(150, 0.707, 16000), 150, 16000)).isCloseTo(-3, within(0.3));
        assertThat(attenuation(Biquad.highPass(150, 0.707, 16000), 1000, 16000)).isCloseTo(0, within(0.2));
    }

    @Test
    void lowPassAt5kHzRemovesHissAndKeepsVoice() {
        assertThat(attenuation(Biquad.lowPass(5000, 0.707, 22050), 1000, 22050)).isCloseTo(0, within(0.2));
        assertThat(attenuation(Biquad.lowPass(5000, 0.707, 22050), 5000, 22050)).isCloseTo(-3, within(0.5));
        assertThat(attenuation(Biquad.lowPass(5000, 0.707, 22050), 10000, 22050))
                .isLessThan(-15);
    }

    @Test
    void kWeightingAt48kHzEqualsTheBs1770Table() {
        double[] shelf = Biquad.kWeightingShelf(48000).coefficients();
        assertThat(shelf[0]).isCloseTo(1.53512485958697, within(1e-9));
        assertThat(shelf[1]).isCloseTo(-2.69169618940638, within(1e-9));
        assertThat(shelf[2]).isCloseTo(1.19839281085285, within(1e-9));
        assertThat(shelf[3]).isCloseTo(-1.69065929318241, within(1e-9));
        assertThat(shelf[4]).isCloseTo(0.73248077421585, within(1e-9));
        double[] rlb = Biquad.kWeightingHighPass(48000).coefficients();
        assertThat(rlb[3]).isCloseTo(-1.99004745483398, within(1e-9));
        assertThat(rlb[4]).isCloseTo(0.99007225036621, within(1e-9));
    }

    @Test
    void kWeightingCurveIsTheSameAtLoudspeakerRates() {
        for (int rate : new int[] {16000, 22050, 48000}) {
            Biquad shelf = Biquad.kWeightingShelf(rate);
            Biquad rlb = Biquad.kWeightingHighPass(rate);
            double at1k = shelf.magnitudeDb(1000, rate) + rlb.magnitudeDb(1000, rate);
            double at4k = shelf.magnitudeDb(4000, rate) + rlb.magnitudeDb(4000, rate);
            double at20 = shelf.magnitudeDb(20, rate) + rlb.magnitudeDb(20, rate);
            assertThat(at1k).as("1 kHz at %d", rate).isCloseTo(0.69, within(0.05));
            // The bilinear transform warps a little near Nyquist at 16 kHz (+0.4 dB at 4 kHz).
            assertThat(at4k).as("4 kHz at %d", rate).isCloseTo(3.7, within(0.5));
            assertThat(at20).as("20 Hz at %d", rate).isLessThan(-10);
        }
    }
}
