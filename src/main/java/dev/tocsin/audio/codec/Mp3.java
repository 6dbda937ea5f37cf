package dev.tocsin.audio.codec;

import de.sciss.jump3r.lowlevel.LameEncoder;
import dev.tocsin.audio.dsp.Pcm;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/** MP3 encoding with jump3r (a pure-Java port of LAME, LGPL), constant bitrate, mono. */
public final class Mp3 {

    private Mp3() {
    }

    public static byte[] encode(Pcm pcm, int bitrateKbps) {
        // LAME's fastest quality (-q 9): speech band-limited to 5 kHz for horn speakers gains
        // little from the psychoacoustic model, and it halves encoding time.
        return encode(pcm, bitrateKbps, LameEncoder.QUALITY_LOWEST);
    }

    static byte[] encode(Pcm pcm, int bitrateKbps, int quality) {
        AudioFormat source = new AudioFormat(pcm.sampleRate(), 16, 1, true, false);
        LameEncoder encoder = new LameEncoder(source, bitrateKbps, LameEncoder.CHANNEL_MODE_MONO,
                quality, false);
        try {
            byte[] pcmBytes = littleEndian16(pcm.samples());
            ByteArrayOutputStream out = new ByteArrayOutputStream(pcmBytes.length / 8 + 1024);
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            int chunk = encoder.getPCMBufferSize();
            for (int at = 0; at < pcmBytes.length; at += chunk) {
                int n = encoder.encodeBuffer(pcmBytes, at, Math.min(chunk, pcmBytes.length - at), buffer);
                out.write(buffer, 0, n);
            }
            int n = encoder.encodeFinish(buffer);
            out.write(buffer, 0, n);
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }

    private static byte[] littleEndian16(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            short v = Wav.toShort(samples[i]);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
