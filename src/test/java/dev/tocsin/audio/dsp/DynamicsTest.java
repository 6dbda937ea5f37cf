package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DynamicsTest {

    @Test
    void truePeakFindsTheInterSamplePeakThatSamplePeakMisses() {
        // A quarter-rate sine sampled 45 degrees off its crest: every sample is at 0.707.
        Pcm pcm = new Pcm(Signals.sine(4000, 0, 1, 16000, Math.PI / 4), 16000);
        assertThat(Pcm.toDb(pcm.samplePeak())).isCloseTo(-3.01, within(0.05));
        assertThat(TruePeak.dbtp(pcm)).isCloseTo(0.0, within(0.3));
    }

    @Test
    void truePeakOfALowToneEqualsItsSamplePeak() {
        assertThat(TruePeak.dbtp(Signals.sine(200, -6, 1, 16000))).isCloseTo(-6, within(0.05));
    }

    @Test
    void compressorReducesLoudPartsByTheRatioAndLeavesQuietPartsAlone() {
        Compressor c = new Compressor(-20, 4, 0.005, 0.2);
        Pcm loud = c.apply(Signals.sine(300, -4, 1, 16000));
        Pcm quiet = c.apply(Signals.sine(300, -30, 1, 16000));
        // 16 dB over the threshold become 4 dB over it: the peak lands near -16 dBFS.
        assertThat(Pcm.toDb(new Pcm(java.util.Arrays.copyOfRange(loud.samples(), 8000, 16000), 16000).samplePeak()))
                .isCloseTo(-16, within(1.0));
        assertThat(Signals.rmsDb(quiet, 0.5, 1))
                .isCloseTo(Signals.rmsDb(Signals.sine(300, -30, 1, 16000), 0.5, 1), within(0.01));
    }

    @Test
    void limiterKeepsTruePeakUnderTheCeilingAndLeavesQuietPassagesUntouched() {
        Pcm hot = Signals.bursts(5, 16000, 3, 7).gainDb(0);
        float[] mixed = hot.samples().clone();
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] *= i < mixed.length / 2 ? 0.05f : 2.0f;
        }
        Pcm in = new Pcm(mixed, 16000);
        Pcm out = new TruePeakLimiter(-1, 0.005, 0.08).apply(in);
        assertThat(TruePeak.dbtp(in)).isGreaterThan(0);
        assertThat(TruePeak.dbtp(out)).isLessThanOrEqualTo(-1.0);
        assertThat(Signals.rmsDb(out, 0.2, 2.3)).isCloseTo(Signals.rmsDb(in, 0.2, 2.3), within(0.2));
    }

    @Test
    void fadesStartAndEndAtSilenceAndPaddingAddsExactDuration() {
        Pcm tone = Signals.sine(500, -6, 1, 16000).fade(0.01, 0.01);
        assertThat(tone.samples()[0]).isEqualTo(0f);
        assertThat(Math.abs(tone.samples()[tone.length() - 1])).isLessThan(0.01f);
        Pcm padded = tone.pad(0.25, 0.5);
        assertThat(padded.durationSeconds()).isCloseTo(1.75, within(1e-9));
        assertThat(padded.samples()[3999]).isEqualTo(0f);
        assertThat(padded.trim(-60).durationSeconds()).isCloseTo(1.0, within(0.01));
        assertThat(Signals.rmsDb(tone.gainDb(-6), 0.2, 0.8)).isCloseTo(Signals.rmsDb(tone, 0.2, 0.8) - 6, within(0.01));
    }
}
