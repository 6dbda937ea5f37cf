package dev.tocsin.audio.dsp;

import java.util.List;

/**
 * Integrated loudness per ITU-R BS.1770-4 and EBU R128: K-weighting (shelf + RLB high-pass,
 * coefficients derived for the signal's rate), 400 ms blocks every 100 ms (75% overlap),
 * absolute gate at -70 LUFS and relative gate 10 LU below the absolutely gated level.
 *
 * <p>Channels are weighted 1.0 (left, right, centre). A mono programme is measured as one
 * channel, so a mono sine at -23 dBFS peak reads -26.0 LUFS, while the same sine on both
 * stereo channels reads -23.0 LUFS (EBU Tech 3341 case 1).
 */
public final class LoudnessMeter {

    private static final double ABSOLUTE_GATE = -70.0;
    private static final double RELATIVE_GATE = -10.0;

    private LoudnessMeter() {}

    /** Integrated loudness of a mono signal in LUFS; -infinity when everything is gated out. */
    public static double integrated(Pcm pcm) {
        return integrated(new float[][] {pcm.samples()}, pcm.sampleRate());
    }

    public static double integrated(float[][] channels, int sampleRate) {
        int step = step(sampleRate);
        double[] subPower = new double[channels[0].length / step];
        for (float[] channel : channels) {
            kWeightedPower(channel, step, subPower, sampleRate);
        }
        return gated(subPower, step);
    }

    /**
     * Integrated loudness of a mono signal given as consecutive parts, each a whole number of
     * 100 ms sub-blocks long except the last ({@link Parts#split}). Parts are weighted side by
     * side; each starts the K-weighting filters afresh, which after the pause a cut needs is the
     * state they would have had.
     */
    public static double integrated(List<Pcm> parts) {
        if (parts.size() == 1) {
            return integrated(parts.get(0));
        }
        return gated(
                concat(Parts.each(parts, LoudnessMeter::subBlockPower)),
                step(parts.get(0).sampleRate()));
    }

    /** K-weighted energy of each whole 100 ms sub-block of a mono part. */
    public static double[] subBlockPower(Pcm part) {
        int step = step(part.sampleRate());
        double[] power = new double[part.length() / step];
        kWeightedPower(part.samples(), step, power, part.sampleRate());
        return power;
    }

    /** Loudness from the sub-block energies of consecutive parts ({@link #subBlockPower}). */
    public static double integrated(List<double[]> subBlockPowers, int sampleRate) {
        return gated(concat(subBlockPowers), step(sampleRate));
    }

    static int step(int sampleRate) {
        return (int) Math.round(0.1 * sampleRate);
    }

    private static double[] concat(List<double[]> arrays) {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        double[] out = new double[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (double[] a : arrays) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    /** 400 ms blocks every 100 ms, absolute and relative gates. */
    private static double gated(double[] subPower, int step) {
        int subBlocks = subPower.length;
        double[] blocks = new double[Math.max(0, subBlocks - 3)];
        int kept = 0;
        for (int b = 0; b + 4 <= subBlocks; b++) {
            double z = (subPower[b] + subPower[b + 1] + subPower[b + 2] + subPower[b + 3]) / (4.0 * step);
            if (loudness(z) > ABSOLUTE_GATE) {
                blocks[kept++] = z;
            }
        }
        if (kept == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = loudness(mean(blocks, kept, Double.NEGATIVE_INFINITY)) + RELATIVE_GATE;
        return loudness(mean(blocks, kept, relativeGate));
    }

    private static void kWeightedPower(float[] x, int step, double[] power, int sampleRate) {
        kWeightedPower(
                x,
                step,
                power,
                Biquad.kWeightingShelf(sampleRate).coefficients(),
                Biquad.kWeightingHighPass(sampleRate).coefficients());
    }

    /** Adds the K-weighted energy of each 100 ms sub-block to power (both biquads inlined). */
    private static void kWeightedPower(float[] x, int step, double[] power, double[] s, double[] h) {
        double sb0 = s[0], sb1 = s[1], sb2 = s[2], sa1 = s[3], sa2 = s[4];
        double hb0 = h[0], hb1 = h[1], hb2 = h[2], ha1 = h[3], ha2 = h[4];
        double sx1 = 0, sx2 = 0, sy1 = 0, sy2 = 0, hy1 = 0, hy2 = 0;
        for (int b = 0; b < power.length; b++) {
            double sum = 0;
            for (int i = b * step, end = (b + 1) * step; i < end; i++) {
                double in = x[i];
                double shelved = sb0 * in + sb1 * sx1 + sb2 * sx2 - sa2 * sy2 - sa1 * sy1;
                sx2 = sx1;
                sx1 = in;
                double y = hb0 * shelved + hb1 * sy1 + hb2 * sy2 - ha2 * hy2 - ha1 * hy1;
                sy2 = sy1;
                sy1 = shelved;
                hy2 = hy1;
                hy1 = y;
                sum += y * y;
            }
            power[b] += sum;
        }
    }

    private static double loudness(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    /** Mean of the first n values whose loudness is above the gate. */
    private static double mean(double[] values, int n, double gateLufs) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (loudness(values[i]) > gateLufs) {
                sum += values[i];
                count++;
            }
        }
        return sum / count;
    }
}
