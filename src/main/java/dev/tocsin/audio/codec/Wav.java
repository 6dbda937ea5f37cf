package dev.tocsin.audio.codec;

import dev.tocsin.audio.dsp.Pcm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RIFF WAVE, PCM 16-bit. Writes mono; reads mono or multi-channel (mixed down) 16-bit files,
 * including streams whose size fields are placeholders (espeak-ng --stdout writes 0xFFFFFFFF).
 */
public final class Wav {

    private Wav() {}

    public static byte[] write(Pcm pcm) {
        return write(quantise(pcm.samples()), pcm.sampleRate());
    }

    /** A WAV of samples already quantised ({@link #quantise}), so MP3 and WAV share one pass. */
    public static byte[] write(short[] q, int sampleRate) {
        int dataBytes = q.length * 2;
        byte[] out = new byte[44 + dataBytes];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(sampleRate)
                .putInt(sampleRate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(dataBytes);
        for (int i = 0, at = 44; i < q.length; i++, at += 2) {
            out[at] = (byte) q[i];
            out[at + 1] = (byte) (q[i] >> 8);
        }
        return out;
    }

    /** 16-bit samples, rounded and clipped. */
    public static short[] quantise(float[] s) {
        short[] q = new short[s.length];
        for (int i = 0; i < s.length; i++) {
            q[i] = toShort(s[i]);
        }
        return q;
    }

    static short toShort(float v) {
        // floor(x + 0.5) is Math.round for these values (a float times 32767 is exact in a
        // double), and unlike Math.round(double) it compiles to one instruction.
        double x = v * 32767.0;
        x = x < -32768 ? -32768 : (x > 32767 ? 32767 : x);
        return (short) Math.floor(x + 0.5);
    }

    public static Pcm read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF WAVE file");
        }
        int at = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (at + 8 <= bytes.length) {
            String id = tag(b, at);
            long size = b.getInt(at + 4) & 0xFFFFFFFFL;
            int body = at + 8;
            if (id.equals("fmt ")) {
                int format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format != 1 || bits != 16) {
                    throw new IllegalArgumentException(
                            "only PCM 16-bit WAV is supported (format " + format + ", " + bits + " bits)");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException("WAV data before fmt chunk");
                }
                long available = bytes.length - body;
                int frames = (int) (Math.min(size, available) / (2L * channels));
                float[] out = new float[frames];
                for (int f = 0; f < frames; f++) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (f * channels + c)) / 32768.0;
                    }
                    out[f] = (float) (sum / channels);
                }
                return new Pcm(out, rate);
            }
            at = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        for (int i = 0; i < 4; i++) {
            t[i] = b.get(at + i);
        }
        return new String(t, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
