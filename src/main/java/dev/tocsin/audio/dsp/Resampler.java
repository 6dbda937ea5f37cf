package dev.tocsin.audio.dsp;

/**
 * Band-limited resampling by windowed-sinc interpolation at any rate ratio. When the rate goes
 * down the kernel is widened so everything above 95% of the new Nyquist frequency is removed
 * before it can alias.
 */
public final class Resampler {

    private static final int ZEROS = 16;
    private static final double KAISER_BETA = 8.6;

    private Resampler() {
    }

    public static Pcm resample(Pcm in, int targetRate) {
        if (in.sampleRate() == targetRate) {
            return in;
        }
        double ratio = targetRate / (double) in.sampleRate();
        double cutoff = Math.min(1.0, ratio) * 0.95;
        SincKernel kernel = new SincKernel(ZEROS, cutoff, KAISER_BETA);
        float[] x = in.samples();
        int outLength = (int) Math.floor(x.length * ratio);
        float[] out = new float[outLength];
        double step = 1 / ratio;
        double half = kernel.halfWidth();
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int first = Math.max(0, (int) Math.ceil(t - half));
            int last = Math.min(x.length - 1, (int) Math.floor(t + half));
            double acc = 0;
            for (int i = first; i <= last; i++) {
                acc += x[i] * kernel.value(t - i);
            }
            out[n] = (float) acc;
        }
        return new Pcm(out, targetRate);
    }
}
