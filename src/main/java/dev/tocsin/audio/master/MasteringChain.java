package dev.tocsin.audio.master;

import dev.tocsin.audio.dsp.Biquad;
import dev.tocsin.audio.dsp.Compressor;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.dsp.TruePeakLimiter;

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
        int rate = settings.sampleRate();
        Pcm pcm = Resampler.resample(input, rate);
        pcm = Biquad.highPass(settings.highPassHz(), BUTTERWORTH_Q, rate).apply(pcm);
        pcm = Biquad.lowPass(settings.lowPassHz(), BUTTERWORTH_Q, rate).apply(pcm);
        // Compress at a known level so the threshold means the same for every engine and clip.
        pcm = normalise(pcm, PRE_COMPRESSION_LUFS);
        pcm = new Compressor(settings.compressorThresholdDb(), settings.compressorRatio(), 0.005, 0.15).apply(pcm);
        TruePeakLimiter limiter = new TruePeakLimiter(settings.ceilingDbtp() - settings.codecHeadroomDb(), 0.005, 0.08);
        pcm = limiter.apply(normalise(pcm, settings.targetLufs()));
        // The limiter lowers loudness a little when it works hard: top up and limit again.
        for (int pass = 0; pass < 2; pass++) {
            double shortfall = settings.targetLufs() - LoudnessMeter.integrated(pcm);
            if (!(shortfall > 0.1)) {
                break;
            }
            pcm = limiter.apply(pcm.gainDb(shortfall));
        }
        return pcm.fade(settings.fadeSeconds(), settings.fadeSeconds())
                .pad(settings.leadSilenceSeconds(), settings.tailSilenceSeconds());
    }

    private static Pcm normalise(Pcm pcm, double lufs) {
        double measured = LoudnessMeter.integrated(pcm);
        return Double.isFinite(measured) ? pcm.gainDb(lufs - measured) : pcm;
    }
}
