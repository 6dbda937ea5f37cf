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
        float[] x = in.samples();
        float[] out = new float[x.length];
        double attack = Math.exp(-1 / (attackSeconds * in.sampleRate()));
        double release = Math.exp(-1 / (releaseSeconds * in.sampleRate()));
        double envelopeDb = -120;
        for (int i = 0; i < x.length; i++) {
            double levelDb = Pcm.toDb(Math.abs(x[i]));
            double coef = levelDb > envelopeDb ? attack : release;
            envelopeDb = coef * envelopeDb + (1 - coef) * levelDb;
            double over = envelopeDb - thresholdDb;
            double gainDb = over > 0 ? -over * (1 - 1 / ratio) : 0;
            out[i] = (float) (x[i] * Math.pow(10, gainDb / 20));
        }
        return new Pcm(out, in.sampleRate());
    }
}
