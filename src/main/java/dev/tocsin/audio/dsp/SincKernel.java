package dev.tocsin.audio.dsp;

/**
 * Kaiser-windowed sinc, tabulated so resampling and true-peak interpolation do not evaluate
 * sin() per tap. {@code value(u)} is the kernel at u input samples from the centre, for a
 * cutoff given as a fraction of the input Nyquist frequency.
 */
final class SincKernel {

    private static final int STEPS_PER_ZERO = 512;

    private final int zeros;
    private final double cutoff;
    private final float[] table;

    SincKernel(int zeros, double cutoff, double beta) {
        this.zeros = zeros;
        this.cutoff = cutoff;
        this.table = new float[zeros * STEPS_PER_ZERO + 2];
        double i0Beta = besselI0(beta);
        for (int i = 0; i < table.length; i++) {
            double x = i / (double) STEPS_PER_ZERO;
            if (x >= zeros) {
                table[i] = 0;
                continue;
            }
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = x / zeros;
            double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
            table[i] = (float) (sinc * window);
        }
    }

    /** Half width of the kernel in input samples. */
    double halfWidth() {
        return zeros / cutoff;
    }

    /** Kernel value at distance u (input samples); includes the cutoff gain. */
    double value(double u) {
        double x = Math.abs(u) * cutoff * STEPS_PER_ZERO;
        int i = (int) x;
        if (i >= table.length - 1) {
            return 0;
        }
        double frac = x - i;
        return cutoff * (table[i] + frac * (table[i + 1] - table[i]));
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
