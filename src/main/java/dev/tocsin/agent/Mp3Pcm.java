package dev.tocsin.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** An MP3 decoded in Java (JLayer, LGPL-2.1) to 16-bit little-endian PCM. */
record Mp3Pcm(byte[] pcm, int sampleRate, int channels) {

    static Mp3Pcm decode(Path mp3) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(mp3))) {
            Bitstream stream = new Bitstream(in);
            Decoder decoder = new Decoder();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rate = 0;
            int channels = 1;
            Header header;
            while ((header = stream.readFrame()) != null) {
                SampleBuffer frame = (SampleBuffer) decoder.decodeFrame(header, stream);
                rate = frame.getSampleFrequency();
                channels = frame.getChannelCount();
                short[] buf = frame.getBuffer();
                for (int i = 0; i < frame.getBufferLength(); i++) {
                    out.write(buf[i] & 0xff);
                    out.write((buf[i] >> 8) & 0xff);
                }
                stream.closeFrame();
            }
            stream.close();
            if (rate == 0) {
                throw new IOException(mp3 + " holds no MP3 frame");
            }
            return new Mp3Pcm(out.toByteArray(), rate, channels);
        } catch (BitstreamException | DecoderException e) {
            throw new IOException("cannot decode " + mp3 + ": " + e.getMessage(), e);
        }
    }

    int frameBytes() {
        return 2 * channels;
    }

    /** Scales the samples by {@code volume}/100 (100 leaves them untouched). */
    Mp3Pcm atVolume(int volume) {
        if (volume == 100) {
            return this;
        }
        byte[] scaled = new byte[pcm.length];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            int v = s * volume / 100;
            scaled[i] = (byte) v;
            scaled[i + 1] = (byte) (v >> 8);
        }
        return new Mp3Pcm(scaled, sampleRate, channels);
    }
}
