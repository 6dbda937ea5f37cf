package dev.tocsin.audio.codec;

import dev.tocsin.audio.dsp.Pcm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RIFF WAVE, PCM 16-bit. Writes mono; reads mono or multi-channel (mixed down) 16-bit files,
 * including streams whose size fields are placeholders (espeak-ng --stdout writes 0xFFFFFFFF).
 */
public final class Wav {

    private Wav() {
    }

    public static byte[] write(Pcm pcm) {
        float[] s = pcm.samples();
        int dataBytes = s.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (float v : s) {
            b.putShort(toShort(v));
        }
        return b.array();
    }

    static short toShort(float v) {
        long q = Math.round(v * 32767.0);
        return (short) Math.max(-32768, Math.min(32767, q));
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
                    throw new IllegalArgumentException("only PCM 16-bit WAV is supported (format " + format + ", " + bits + " bits)");
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
