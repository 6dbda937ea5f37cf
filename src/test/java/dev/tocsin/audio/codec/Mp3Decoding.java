package dev.tocsin.audio.codec;

import dev.tocsin.audio.dsp.Pcm;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** Decodes MP3 with an independent decoder (JLayer) so tests measure what a terminal hears. */
public final class Mp3Decoding {

    private Mp3Decoding() {}

    public static Pcm decode(byte[] mp3) throws Exception {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        List<float[]> frames = new ArrayList<>();
        int rate = 0;
        int total = 0;
        Header header;
        while ((header = stream.readFrame()) != null) {
            SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, stream);
            rate = out.getSampleFrequency();
            int channels = out.getChannelCount();
            short[] buf = out.getBuffer();
            int n = out.getBufferLength() / channels;
            float[] mono = new float[n];
            for (int i = 0; i < n; i++) {
                mono[i] = buf[i * channels] / 32768f;
            }
            frames.add(mono);
            total += n;
            stream.closeFrame();
        }
        stream.close();
        float[] all = new float[total];
        int at = 0;
        for (float[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return new Pcm(all, rate);
    }
}
