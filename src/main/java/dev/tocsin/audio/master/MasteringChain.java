package dev.tocsin.audio.master;

import dev.tocsin.audio.dsp.Biquad;
import dev.tocsin.audio.dsp.Compressor;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Parts;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.dsp.TruePeakLimiter;
import java.util.List;

/**
 * Horn-loudspeaker mastering: resample to the deployment rate, band-limit to what a horn
 * reproduces (high-pass 150 Hz, low-pass 5 kHz), compress so quiet syllables carry outdoors,
 * normalise to the target loudness (BS.1770), hold the true peak under the ceiling, fade and
 * pad with silence so terminals never start or stop on a click.
 */
public final class MasteringChain {

    private static final double BUTTERWORTH_Q = 0.7071;
    private static final double PRE_COMPRESSION_LUFS = -20;

    private final MasteringSettings settings;

    public MasteringChain(MasteringSettings settings) {
        this.settings = settings;
    }

    public MasteringSettings settings() {
        return settings;
    }

    public Pcm master(Pcm input) {
        return masterUnpadded(input).pad(settings.leadSilenceSeconds(), settings.tailSilenceSeconds());
    }

    /** As {@link #master} without the lead and tail silence: for clips that are joined into programmes later. */
    public Pcm masterUnpadded(Pcm input) {
        int rate = settings.sampleRate();
        // Cut in a long pause, each part on its own core; one loudness and one gain for all.
        List<Pcm> parts = Parts.split(Resampler.resample(input, rate));
        parts = Parts.each(
                parts,
                p -> Biquad.cascade(
                        p,
                        Biquad.highPass(settings.highPassHz(), BUTTERWORTH_Q, rate),
                        Biquad.lowPass(settings.lowPassHz(), BUTTERWORTH_Q, rate)));
        // Compress at a known level so the threshold means the same for every engine and clip.
        double measured = LoudnessMeter.integrated(parts);
        float level = Double.isFinite(measured) ? (float) Math.pow(10, (PRE_COMPRESSION_LUFS - measured) / 20) : 1f;
        Compressor compressor =
                new Compressor(settings.compressorThresholdDb(), settings.compressorRatio(), 0.005, 0.15);
        parts = Parts.each(parts, p -> compressor.apply(p, level));
        // Normalise and limit together: the limiter tops up what limiting takes off the loudness.
        parts = new TruePeakLimiter(settings.ceilingDbtp() - settings.codecHeadroomDb(), 0.005, 0.08)
                .applyAtLoudness(parts, settings.targetLufs());
        return Parts.join(parts).fade(settings.fadeSeconds(), settings.fadeSeconds());
    }
}
