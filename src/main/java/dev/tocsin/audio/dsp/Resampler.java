package dev.tocsin.audio.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited resampling by windowed-sinc interpolation. When the rate goes down the kernel
 * is widened so everything above 95% of the new Nyquist frequency is removed before it can
 * alias.
 *
 * <p>Rates are integers, so output sample n sits at input position n * M / L (L/M the reduced
 * rate ratio) and only L distinct fractional offsets occur. Each gets its own row of taps,
 * computed once per rate pair and cached (a polyphase filter bank): the inner loop is a plain
 * dot product over a zero-padded copy of the input.
 */
public final class Resampler {

    private static final int ZEROS = 16;
    private static final double KAISER_BETA = 8.6;
    /** Largest bank kept (phases x taps floats); every rate pair used here is far below. */
    private static final int MAX_BANK_FLOATS = 1 << 20;

    private static final Map<Long, Bank> BANKS = new ConcurrentHashMap<>();

    private Resampler() {}

    public static Pcm resample(Pcm in, int targetRate) {
        if (in.sampleRate() == targetRate) {
            return in;
        }
        int g = gcd(in.sampleRate(), targetRate);
        if ((long) (targetRate / g) * bankWidth(in.sampleRate(), targetRate) > MAX_BANK_FLOATS) {
            return new Pcm(direct(in.samples(), in.sampleRate(), targetRate), targetRate);
        }
        long key = ((long) in.sampleRate() << 32) | targetRate;
        Bank bank = BANKS.computeIfAbsent(key, k -> Bank.of(in.sampleRate(), targetRate));
        return new Pcm(bank.apply(in.samples()), targetRate);
    }

    private static SincKernel kernel(int fromRate, int toRate) {
        return new SincKernel(ZEROS, Math.min(1.0, toRate / (double) fromRate) * 0.95, KAISER_BETA);
    }

    private static int bankWidth(int fromRate, int toRate) {
        return 2 * ((int) Math.ceil(kernel(fromRate, toRate).halfWidth()) + 1);
    }

    /** Odd rate pairs with too many phases for a bank: the kernel is looked up per tap. */
    private static float[] direct(float[] x, int fromRate, int toRate) {
        SincKernel kernel = kernel(fromRate, toRate);
        double ratio = toRate / (double) fromRate;
        float[] out = new float[(int) Math.floor(x.length * ratio)];
        double half = kernel.halfWidth();
        for (int n = 0; n < out.length; n++) {
            double t = n / ratio;
            int first = Math.max(0, (int) Math.ceil(t - half));
            int last = Math.min(x.length - 1, (int) Math.floor(t + half));
            double acc = 0;
            for (int i = first; i <= last; i++) {
                acc += x[i] * kernel.value(t - i);
            }
            out[n] = (float) acc;
        }
        return out;
    }

    /** Taps per fractional offset: taps[p][j] weighs input i0 - half + 1 + j at offset p / up. */
    private record Bank(int up, int down, int half, float[][] taps) {

        static Bank of(int fromRate, int toRate) {
            int g = gcd(fromRate, toRate);
            int up = toRate / g;
            int down = fromRate / g;
            SincKernel kernel = kernel(fromRate, toRate);
            int half = bankWidth(fromRate, toRate) / 2;
            float[][] taps = new float[up][2 * half];
            for (int p = 0; p < up; p++) {
                double frac = p / (double) up;
                for (int j = 0; j < 2 * half; j++) {
                    // distance from the output position to input i0 - half + 1 + j
                    taps[p][j] = (float) kernel.value(frac + half - 1 - j);
                }
            }
            return new Bank(up, down, half, taps);
        }

        float[] apply(float[] x) {
            int outLength = (int) Math.floor(x.length * (up / (double) down));
            float[] padded = new float[x.length + 2 * half + 1];
            System.arraycopy(x, 0, padded, half, x.length);
            float[] out = new float[outLength];
            int whole = 0;
            int phase = 0;
            for (int n = 0; n < outLength; n++) {
                float[] h = taps[phase];
                // padded index of input whole - half + 1 is whole + 1
                int base = whole + 1;
                float acc = 0;
                for (int j = 0; j < h.length; j++) {
                    acc += padded[base + j] * h[j];
                }
                out[n] = acc;
                phase += down;
                whole += phase / up;
                phase %= up;
            }
            return out;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
