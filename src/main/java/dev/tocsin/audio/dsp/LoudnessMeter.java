package dev.tocsin.audio.dsp;

import java.util.ArrayList;
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

    private LoudnessMeter() {
    }

    /** Integrated loudness of a mono signal in LUFS; -infinity when everything is gated out. */
    public static double integrated(Pcm pcm) {
        return integrated(new float[][] {pcm.samples()}, pcm.sampleRate());
    }

    public static double integrated(float[][] channels, int sampleRate) {
        int step = (int) Math.round(0.1 * sampleRate);
        int frames = channels[0].length;
        int subBlocks = frames / step;
        double[] subPower = new double[subBlocks];
        for (float[] channel : channels) {
            Biquad shelf = Biquad.kWeightingShelf(sampleRate);
            Biquad highPass = Biquad.kWeightingHighPass(sampleRate);
            for (int b = 0; b < subBlocks; b++) {
                double sum = 0;
                for (int i = b * step; i < (b + 1) * step; i++) {
                    double y = highPass.process(shelf.process(channel[i]));
                    sum += y * y;
                }
                subPower[b] += sum;
            }
        }
        List<Double> blocks = new ArrayList<>();
        for (int b = 0; b + 4 <= subBlocks; b++) {
            double z = (subPower[b] + subPower[b + 1] + subPower[b + 2] + subPower[b + 3]) / (4.0 * step);
            if (loudness(z) > ABSOLUTE_GATE) {
                blocks.add(z);
            }
        }
        if (blocks.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = loudness(mean(blocks)) + RELATIVE_GATE;
        List<Double> gated = blocks.stream().filter(z -> loudness(z) > relativeGate).toList();
        return loudness(mean(gated));
    }

    private static double loudness(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }
}
