package dev.tocsin.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.sciss.jump3r.lowlevel.LameEncoder;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.dsp.TruePeak;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void wavRoundTripKeepsRateDurationAndLevel() {
        Pcm tone = Signals.sine(1000, -20, 3, 22050);
        byte[] wav = Wav.write(tone);
        assertThat(wav.length).isEqualTo(44 + 2 * 3 * 22050);
        Pcm back = Wav.read(wav);
        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.durationSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(LoudnessMeter.integrated(back)).isCloseTo(LoudnessMeter.integrated(tone), within(0.01));
    }

    @Test
    void wavReaderAcceptsPlaceholderSizesFromStreamingWriters() {
        byte[] wav = Wav.write(Signals.sine(440, -6, 1, 22050));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
        assertThat(Wav.read(wav).durationSeconds()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void quantisingRoundsHalfUpAndClipsAsMathRoundDoes() {
        java.util.Random random = new java.util.Random(7);
        float[] edges = {
            0f,
            -0f,
            1f,
            -1f,
            1.5f,
            -1.5f,
            0.5f / 32767,
            -0.5f / 32767,
            1.5f / 32767,
            -2.5f / 32767,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            32767.5f / 32767,
            -32768.5f / 32767
        };
        for (int i = 0; i < 1_000_000 + edges.length; i++) {
            float v = i < edges.length ? edges[i] : (float) (random.nextDouble() * 2.2 - 1.1);
            short expected = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767.0)));
            assertThat(Wav.toShort(v)).as("sample %s", v).isEqualTo(expected);
        }
    }

    @Test
    void wavReaderRejectsSomethingElse() {
        assertThatThrownBy(() -> Wav.read("ID3 not a wave file at all".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mp3DecodesToTheSameRateDurationLoudnessAndPeak() throws Exception {
        Pcm speechLike = Signals.bursts(10, 22050, -3, 11);
        byte[] mp3 = Mp3.encode(speechLike, 48);
        // 48 kbit/s for 10 s is about 60 kB.
        assertThat(mp3.length).isBetween(50_000, 70_000);
        Pcm decoded = Mp3Decoding.decode(mp3);
        assertThat(decoded.sampleRate()).isEqualTo(22050);
        assertThat(decoded.durationSeconds()).isCloseTo(10.0, within(0.15));
        assertThat(LoudnessMeter.integrated(decoded)).isCloseTo(LoudnessMeter.integrated(speechLike), within(0.5));
        assertThat(TruePeak.dbtp(decoded)).isCloseTo(TruePeak.dbtp(speechLike), within(1.5));
    }

    @Test
    void mp3At16kHzStaysAt16kHz() throws Exception {
        Pcm decoded = Mp3Decoding.decode(Mp3.encode(Signals.sine(1000, -20, 2, 16000), 32));
        assertThat(decoded.sampleRate()).isEqualTo(16000);
        assertThat(Signals.frequency(decoded)).isCloseTo(1000, within(1.0));
    }

    @Test
    void mp3WithoutReplayGainAnalysisIsByteIdenticalToJump3rsOwnEncoder() {
        for (int rate : new int[] {16000, 22050, 24000}) {
            Pcm speechLike = Signals.bursts(4, rate, -2, 5);
            byte[] ours = Mp3.encodeWhole(speechLike, 48);
            assertThat(ours).isEqualTo(referenceEncode(speechLike, 48));
        }
    }

    @Test
    void mp3EncodedInTwoHalvesAtAPauseDecodesAlignedWithTheSameLengthAsOneStream() throws Exception {
        for (int rate : new int[] {16000, 22050, 24000}) {
            // Speech, a 0.6 s pause (as between programme segments), speech.
            Pcm a = Signals.bursts(3, rate, -3, 21);
            Pcm b = Signals.bursts(3.5, rate, -3, 22);
            float[] x = new float[a.length() + (int) (0.6 * rate) + b.length()];
            System.arraycopy(a.samples(), 0, x, 0, a.length());
            System.arraycopy(b.samples(), 0, x, x.length - b.length(), b.length());
            Pcm programme = new Pcm(x, rate);
            int delayFrames = Mp3.delayFrames(rate, 48);
            short[] q = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                q[i] = Wav.toShort(x[i]);
            }
            int cut = Mp3.silentCut(q, rate, delayFrames);
            assertThat(cut).as("cut at %d Hz", rate).isBetween(a.length(), a.length() + (int) (0.6 * rate));

            byte[] split = Mp3.encode(programme, 48);
            byte[] whole = Mp3.encodeWhole(programme, 48);
            assertThat(split).isNotEqualTo(whole);
            assertThat(Mp3.frames(split)).isEqualTo(Mp3.frames(whole));
            Pcm s = Mp3Decoding.decode(split);
            Pcm w = Mp3Decoding.decode(whole);
            assertThat(s.length()).isEqualTo(w.length());
            // Before the cut both are the same encoder's output, sample for sample.
            for (int i = 0; i < cut - 2 * 576; i++) {
                assertThat(s.samples()[i])
                        .as("decoded sample %d at %d Hz", i, rate)
                        .isEqualTo(w.samples()[i]);
            }
            // After it, a different encoder state codes the same audio: the two line up best
            // with no shift at all (coding noise differs, so equality is not expected).
            int from = cut + (delayFrames + 4) * 576;
            double aligned = snrDb(s, w, from, 0);
            assertThat(aligned).as("SNR against one stream at %d Hz", rate).isGreaterThan(10);
            for (int shift : new int[] {-2, -1, 1, 2}) {
                assertThat(snrDb(s, w, from, shift))
                        .as("shift %d at %d Hz", shift, rate)
                        .isLessThan(aligned - 3);
            }
            assertThat(LoudnessMeter.integrated(s)).isCloseTo(LoudnessMeter.integrated(w), within(0.1));
            assertThat(TruePeak.dbtp(s)).isCloseTo(TruePeak.dbtp(w), within(0.3));
        }
    }

    private static double snrDb(Pcm test, Pcm reference, int from, int shift) {
        double error = 0;
        double signal = 0;
        for (int i = from + 2; i < reference.length() - 2; i++) {
            double d = test.samples()[i + shift] - reference.samples()[i];
            error += d * d;
            signal += (double) reference.samples()[i] * reference.samples()[i];
        }
        return 10 * Math.log10(signal / error);
    }

    @Test
    void mp3WithoutALongEnoughPauseIsOneStream() {
        Pcm speechLike = Signals.bursts(8, 16000, -3, 5);
        assertThat(Mp3.encode(speechLike, 48)).isEqualTo(Mp3.encodeWhole(speechLike, 48));
    }

    /** The bitstream jump3r's LameEncoder produces (it always runs ReplayGain analysis). */
    private static byte[] referenceEncode(Pcm pcm, int kbps) {
        LameEncoder encoder = new LameEncoder(
                new javax.sound.sampled.AudioFormat(pcm.sampleRate(), 16, 1, true, false),
                kbps,
                LameEncoder.CHANNEL_MODE_MONO,
                LameEncoder.QUALITY_LOWEST,
                false);
        try {
            float[] s = pcm.samples();
            byte[] pcmBytes = new byte[s.length * 2];
            for (int i = 0; i < s.length; i++) {
                short v = Wav.toShort(s[i]);
                pcmBytes[2 * i] = (byte) v;
                pcmBytes[2 * i + 1] = (byte) (v >> 8);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            for (int at = 0; at < pcmBytes.length; at += encoder.getPCMBufferSize()) {
                int n = encoder.encodeBuffer(
                        pcmBytes, at, Math.min(encoder.getPCMBufferSize(), pcmBytes.length - at), buffer);
                out.write(buffer, 0, n);
            }
            out.write(buffer, 0, encoder.encodeFinish(buffer));
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
