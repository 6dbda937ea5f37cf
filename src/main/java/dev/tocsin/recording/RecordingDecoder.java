package dev.tocsin.recording;

import dev.tocsin.audio.dsp.Pcm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Uploaded recordings to mono PCM: WAV (integer PCM of 8 to 32 bits or 32-bit float, plain or
 * extensible), MP3 (JLayer) and FLAC (jFLAC), all in Java. The declared media type chooses the
 * decoder; the bytes must then really be of that kind, so a mislabelled file is refused with
 * what it looks like instead of being decoded as noise.
 */
final class RecordingDecoder {

    /** The formats accepted, by the media types that name them. */
    enum Format {
        WAV(List.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave")),
        MP3(List.of("audio/mpeg", "audio/mp3")),
        FLAC(List.of("audio/flac", "audio/x-flac"));

        final List<String> mediaTypes;

        Format(List<String> mediaTypes) {
            this.mediaTypes = mediaTypes;
        }

        static Optional<Format> of(String mediaType) {
            if (mediaType == null) {
                return Optional.empty();
            }
            String bare = mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (f.mediaTypes.contains(bare)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The bytes are not a readable file of the declared format. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private RecordingDecoder() {}

    static Pcm decode(byte[] bytes, Format format) throws Unreadable {
        Format sniffed = sniff(bytes);
        if (sniffed != format) {
            throw new Unreadable("declared " + format.mediaTypes.get(0) + " but the data "
                    + (sniffed == null ? "is not a WAV, MP3 or FLAC file" : "is " + sniffed.id()));
        }
        Pcm pcm = switch (format) {
            case WAV -> wav(bytes);
            case MP3 -> mp3(bytes);
            case FLAC -> flac(bytes);
        };
        if (pcm.length() == 0) {
            throw new Unreadable("the file holds no audio");
        }
        return pcm;
    }

    static Format sniff(byte[] b) {
        if (b.length >= 12 && ascii(b, 0).equals("RIFF") && ascii(b, 8).equals("WAVE")) {
            return Format.WAV;
        }
        if (b.length >= 4 && ascii(b, 0).equals("fLaC")) {
            return Format.FLAC;
        }
        if (b.length >= 3 && ascii(b, 0).startsWith("ID3")) {
            return Format.MP3;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) {
            return Format.MP3;
        }
        return null;
    }

    private static String ascii(byte[] b, int at) {
        return new String(b, at, Math.min(4, b.length - at), StandardCharsets.US_ASCII);
    }

    private static Pcm wav(byte[] bytes) throws Unreadable {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (at + 8 <= bytes.length) {
            String id = ascii(bytes, at);
            long size = b.getInt(at + 4) & 0xFFFFFFFFL;
            int body = at + 8;
            if (id.equals("fmt ") && body + 16 <= bytes.length) {
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE && size >= 26 && body + 26 <= bytes.length) {
                    format = b.getShort(body + 24) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE: the sub-format's tag
                }
            } else if (id.equals("data")) {
                return wavData(b, body, (int) Math.min(size, bytes.length - body), format, channels, rate, bits);
            }
            at = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        throw new Unreadable("the WAV file has no data chunk");
    }

    private static Pcm wavData(ByteBuffer b, int from, int length, int format, int channels, int rate, int bits)
            throws Unreadable {
        boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean floats = format == 3 && bits == 32;
        if (!pcm && !floats) {
            throw new Unreadable("WAV encoding " + format + " with " + bits
                    + " bits is not supported; use PCM (8, 16, 24 or 32 bits) or 32-bit float");
        }
        if (channels <= 0 || rate < 8000 || rate > 192_000) {
            throw new Unreadable("WAV with " + channels + " channels at " + rate + " Hz is not supported");
        }
        int width = bits / 8;
        int frames = length / (width * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = from + (f * channels + c) * width;
                sum += floats ? b.getFloat(at) : intSample(b, at, width);
            }
            out[f] = (float) (sum / channels);
        }
        return new Pcm(out, rate);
    }

    private static double intSample(ByteBuffer b, int at, int width) {
        return switch (width) {
            case 1 -> ((b.get(at) & 0xff) - 128) / 128.0;
            case 2 -> b.getShort(at) / 32768.0;
            case 3 -> (((b.get(at + 2)) << 16) | ((b.get(at + 1) & 0xff) << 8) | (b.get(at) & 0xff)) / 8388608.0;
            default -> b.getInt(at) / 2147483648.0;
        };
    }

    private static Pcm mp3(byte[] bytes) throws Unreadable {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(bytes));
        Decoder decoder = new Decoder();
        FloatCollector out = new FloatCollector();
        int rate = 0;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                SampleBuffer frame = (SampleBuffer) decoder.decodeFrame(header, stream);
                rate = frame.getSampleFrequency();
                int channels = frame.getChannelCount();
                short[] buf = frame.getBuffer();
                for (int i = 0; i + channels <= frame.getBufferLength(); i += channels) {
                    double sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += buf[i + c] / 32768.0;
                    }
                    out.add((float) (sum / channels));
                }
                stream.closeFrame();
            }
        } catch (BitstreamException | DecoderException | ArrayIndexOutOfBoundsException e) {
            throw new Unreadable("the MP3 file cannot be decoded: " + e.getMessage());
        }
        if (rate == 0) {
            throw new Unreadable("the MP3 file holds no audio frame");
        }
        return new Pcm(out.toArray(), rate);
    }

    private static Pcm flac(byte[] bytes) throws Unreadable {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
        FloatCollector out = new FloatCollector();
        int[] format = new int[3]; // rate, channels, bits
        decoder.addPCMProcessor(new PCMProcessor() {
            @Override
            public void processStreamInfo(StreamInfo info) {
                format[0] = info.getSampleRate();
                format[1] = info.getChannels();
                format[2] = info.getBitsPerSample();
            }

            @Override
            public void processPCM(ByteData data) {
                int width = (format[2] + 7) / 8;
                int frame = width * format[1];
                ByteBuffer b = ByteBuffer.wrap(data.getData(), 0, data.getLen()).order(ByteOrder.LITTLE_ENDIAN);
                for (int at = 0; at + frame <= data.getLen(); at += frame) {
                    double sum = 0;
                    for (int c = 0; c < format[1]; c++) {
                        sum += intSample(b, at + c * width, width);
                    }
                    out.add((float) (sum / format[1]));
                }
            }
        });
        try {
            decoder.decode();
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the FLAC file cannot be decoded: " + e.getMessage());
        }
        if (format[0] == 0 || format[2] != 8 && format[2] != 16 && format[2] != 24) {
            throw new Unreadable("FLAC with " + format[2] + " bits per sample is not supported");
        }
        return new Pcm(out.toArray(), format[0]);
    }

    /** A growing float array without boxing. */
    private static final class FloatCollector {
        private float[] data = new float[1 << 16];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
