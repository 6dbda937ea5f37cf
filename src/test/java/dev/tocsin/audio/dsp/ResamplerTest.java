package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void downsamplingKeepsToneFrequencyAndLevel() {
        Pcm in = Signals.sine(1000, -6, 2, 22050);
        Pcm out = Resampler.resample(in, 16000);
        assertThat(out.sampleRate()).isEqualTo(16000);
        assertThat(out.durationSeconds()).isCloseTo(2.0, within(0.001));
        assertThat(Signals.frequency(out)).isCloseTo(1000, within(0.5));
        assertThat(Signals.rmsDb(out, 0.2, 1.8)).isCloseTo(Signals.rmsDb(in, 0.2, 1.8), within(0.05));
    }

    @Test
    void upsamplingKeepsToneFrequencyAndLevel() {
        Pcm in = Signals.sine(3000, -3, 1, 16000);
        Pcm out = Resampler.resample(in, 22050);
        assertThat(out.length()).isEqualTo(22050);
        assertThat(Signals.frequency(out)).isCloseTo(3000, within(1.0));
        assertThat(Signals.rmsDb(out, 0.1, 0.9)).isCloseTo(Signals.rmsDb(in, 0.1, 0.9), within(0.05));
    }

    @Test
    void toneAboveNewNyquistIsRemovedInsteadOfAliasing() {
        Pcm in = Signals.sine(9500, -1, 1, 22050);
        Pcm out = Resampler.resample(in, 16000);
        assertThat(Signals.rmsDb(out, 0.1, 0.9)).isLessThan(Signals.rmsDb(in, 0.1, 0.9) - 50);
    }

    @Test
    void sameRateIsUntouched() {
        Pcm in = Signals.sine(440, -6, 0.5, 16000);
        assertThat(Resampler.resample(in, 16000)).isSameAs(in);
    }
}
