package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.H2_ONLY)
class ResamplerTest {

    static short[] tone(double hz, int rate, double seconds, double amplitude) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    /** Power at one frequency by correlation against sine and cosine (middle part only). */
    static double amplitudeAt(short[] x, int rate, double hz) {
        int from = x.length / 4;
        int to = 3 * x.length / 4;
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
            im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static double rms(short[] x) {
        double acc = 0;
        for (int i = x.length / 4; i < 3 * x.length / 4; i++) acc += (double) x[i] * x[i];
        return Math.sqrt(acc / (x.length / 2));
    }

    @Test
    void keepsTheFrequencyOfAToneInThePassband() {
        for (int rate : new int[] {22050, 16000, 44100, 11025}) {
            short[] out = Resampler.resample(tone(1000, rate, 1.0, 10000), rate, 8000);
            assertEquals(8000, out.length, 1, "length at " + rate);
            double at1k = amplitudeAt(out, 8000, 1000);
            double near = amplitudeAt(out, 8000, 1100);
            System.out.printf("1 kHz from %d Hz: amplitude %.0f (in 10000), at 1.1 kHz %.1f%n", rate, at1k, near);
            assertTrue(at1k > 9500 && at1k < 10500, "1 kHz amplitude " + at1k + " from " + rate);
            assertTrue(near < 100, "energy beside the tone " + near);
        }
    }

    @Test
    void removesAToneAboveTheNewNyquistInsteadOfFoldingIt() {
        short[] in = tone(6000, 22050, 1.0, 20000);
        short[] out = Resampler.resample(in, 22050, 8000);
        // Folded, 6 kHz would come out at 2 kHz.
        double alias = amplitudeAt(out, 8000, 2000);
        double db = 20 * Math.log10(Math.max(rms(out), 1e-9) / rms(in));
        System.out.printf("6 kHz at 22050 -> 8000: residual %.1f dB, 2 kHz alias amplitude %.2f%n", db, alias);
        assertTrue(db < -50, "6 kHz only attenuated by " + db + " dB");
        assertTrue(alias < 20000 * 0.003, "alias at 2 kHz " + alias);
    }

    @Test
    void sameRateIsACopy() {
        short[] in = tone(440, 8000, 0.1, 1000);
        short[] out = Resampler.resample(in, 8000, 8000);
        assertEquals(in.length, out.length);
        for (int i = 0; i < in.length; i++) assertEquals(in[i], out[i]);
    }
}
