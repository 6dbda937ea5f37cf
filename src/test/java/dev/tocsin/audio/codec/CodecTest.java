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
            byte[] ours = Mp3.encode(speechLike, 48);
            assertThat(ours).isEqualTo(referenceEncode(speechLike, 48));
        }
    }

    /** The bitstream jump3r's LameEncoder produces (it always runs ReplayGain analysis). */
    private static byte[] referenceEncode(Pcm pcm, int kbps) {
        LameEncoder encoder = new LameEncoder(new javax.sound.sampled.AudioFormat(pcm.sampleRate(), 16, 1, true, false),
                kbps, LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_LOWEST, false);
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
                int n = encoder.encodeBuffer(pcmBytes, at, Math.min(encoder.getPCMBufferSize(), pcmBytes.length - at), buffer);
                out.write(buffer, 0, n);
            }
            out.write(buffer, 0, encoder.encodeFinish(buffer));
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
