package dev.tocsin.audio.dsp;

/**
 * Feed-forward downward compressor: above the threshold the level grows by 1/ratio. The
 * detector follows the peak with separate attack and release times, so syllable onsets are
 * caught and the gain does not pump between words. No make-up gain: loudness normalisation
 * follows in the chain.
 */
public record Compressor(double thresholdDb, double ratio, double attackSeconds, double releaseSeconds) {

    public Compressor {
        if (ratio < 1) {
            throw new IllegalArgumentException("ratio must be >= 1: " + ratio);
        }
    }

    public Pcm apply(Pcm in) {
        return apply(in, 1f);
    }

    /** Compresses {@code in} scaled by {@code inputGain} (saves a separate gain pass). */
    public Pcm apply(Pcm in, float inputGain) {
        float[] x = in.samples();
        float[] out = new float[x.length];
        double attack = Math.exp(-1 / (attackSeconds * in.sampleRate()));
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        double threshold = Math.pow(10, thresholdDb / 20);
        double exponent = 1 / ratio - 1;
        double envelope = 0;
        for (int i = 0; i < x.length; i++) {
            float v = x[i] * inputGain;
            double level = Math.abs(v);
            double coef = level > envelope ? attack : release;
            envelope = coef * envelope + (1 - coef) * level;
            // (env/threshold)^(1/ratio - 1): only samples over the threshold pay for pow().
            double gain = envelope > threshold ? Math.pow(envelope / threshold, exponent) : 1;
            out[i] = (float) (v * gain);
        }
        return new Pcm(out, in.sampleRate());
    }
}
