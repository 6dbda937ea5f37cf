package dev.tocsin.recording;

import dev.tocsin.audio.dsp.Biquad;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.dsp.TruePeak;
import dev.tocsin.audio.master.MasteringChain;
import java.util.Arrays;

/**
 * Makes a phone or browser recording fit for the horns, like synthesized speech: rumble and
 * handling noise off (high-pass 80 Hz), a gentle noise gate (the room between words is lowered
 * by {@value #GATE_DB} dB, never muted, so breaths and word tails are not chopped), leading and
 * trailing silence trimmed to {@value #KEEP_SECONDS} s, then the horn mastering chain (band,
 * compression, -16 LUFS, true-peak ceiling) without its programme padding.
 */
public final class RecordingCleaner {

    static final double KEEP_SECONDS = 0.1;
    static final double GATE_DB = -12;
    private static final double FRAME_SECONDS = 0.01;
    private static final double HIGH_PASS_HZ = 80;

    /** The mastered recording and what was measured on the way. */
    public record Cleaned(
            Pcm audio, double sourceSeconds, double noiseFloorDb, double loudnessLufs, double truePeakDbtp) {}

    /** The recording has no sound above its own noise: nothing to keep. */
    static final class Silent extends Exception {
        Silent() {
            super("the recording holds no speech above its background noise", null, false, false);
        }
    }

    private final MasteringChain mastering;

    RecordingCleaner(MasteringChain mastering) {
        this.mastering = mastering;
    }

    Cleaned clean(Pcm source) throws Silent {
        int rate = mastering.settings().sampleRate();
        Pcm pcm = Biquad.highPass(HIGH_PASS_HZ, 0.7071, rate).apply(Resampler.resample(source, rate));
        int frame = (int) Math.round(FRAME_SECONDS * rate);
        double[] db = frameLevels(pcm, frame);
        double floor = percentile(db, 0.1);
        double loudest = percentile(db, 0.98);
        // Speech: clearly over the room's noise, and not a whisper of the loudest part.
        double speech = Math.max(floor + 12, loudest - 40);
        int first = 0;
        while (first < db.length && db[first] < speech) {
            first++;
        }
        if (first == db.length || loudest - floor < 10) {
            throw new Silent();
        }
        int last = db.length - 1;
        while (last > first && db[last] < speech) {
            last--;
        }
        Pcm gated = gate(pcm, db, frame, Math.max(floor + 6, speech - 18));
        int keep = (int) Math.round(KEEP_SECONDS * rate);
        int from = Math.max(0, first * frame - keep);
        int to = Math.min(pcm.length(), (last + 1) * frame + keep);
        Pcm trimmed = new Pcm(Arrays.copyOfRange(gated.samples(), from, to), rate).fade(0.02, 0.03);
        Pcm mastered = mastering.masterUnpadded(trimmed);
        return new Cleaned(
                mastered, source.durationSeconds(), floor, LoudnessMeter.integrated(mastered), TruePeak.dbtp(mastered));
    }

    private static double[] frameLevels(Pcm pcm, int frame) {
        float[] s = pcm.samples();
        double[] db = new double[(s.length + frame - 1) / frame];
        for (int f = 0; f < db.length; f++) {
            double sum = 0;
            int end = Math.min(s.length, (f + 1) * frame);
            for (int i = f * frame; i < end; i++) {
                sum += s[i] * s[i];
            }
            db[f] = 10 * Math.log10(Math.max(sum / Math.max(1, end - f * frame), 1e-14));
        }
        return db;
    }

    /** Frames under the threshold are lowered; the gain moves smoothly (5 ms attack, 80 ms release). */
    private static Pcm gate(Pcm pcm, double[] db, int frame, double threshold) {
        float[] s = pcm.samples();
        float[] out = new float[s.length];
        double low = Math.pow(10, GATE_DB / 20);
        double attack = 1 - Math.exp(-1 / (0.005 * pcm.sampleRate()));
        double release = 1 - Math.exp(-1 / (0.08 * pcm.sampleRate()));
        double gain = low;
        for (int i = 0; i < s.length; i++) {
            // Open a frame early so an onset is not clipped by the attack.
            int f = Math.min(db.length - 1, (i + frame) / frame);
            boolean open = db[f] >= threshold || db[Math.min(db.length - 1, i / frame)] >= threshold;
            double target = open ? 1 : low;
            gain += (target - gain) * (target > gain ? attack : release);
            out[i] = (float) (s[i] * gain);
        }
        return new Pcm(out, pcm.sampleRate());
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
