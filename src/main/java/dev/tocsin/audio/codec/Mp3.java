package dev.tocsin.audio.codec;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.GetAudio;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Parse;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import dev.tocsin.audio.dsp.Pcm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MP3 encoding with jump3r (a pure-Java port of LAME, LGPL), constant bitrate, mono.
 *
 * <p>The encoder modules are wired here rather than through jump3r's {@code LameEncoder},
 * because that class always switches on ReplayGain analysis: two IIR filters over every sample
 * whose result (a gain tag) is never written by it, about a third of the encoding time. The
 * bitstream is the same byte for byte (see Mp3Test).
 */
public final class Mp3 {

    /** LAME -q 9 (fastest): speech band-limited to 5 kHz gains little from the psychoacoustic model. */
    static final int QUALITY_FASTEST = 9;

    private static final int CHUNK_SAMPLES = 16384;
    /** Samples per MPEG-2 Layer III frame (one granule of 576). */
    static final int SAMPLES_PER_FRAME = 576;
    /**
     * Frames LAME adds to every stream, by rate and bitrate: ceil(samples / 576) + this many
     * frames come out (3 at 16 kHz: its 576-sample encoder delay plus 1,152 samples of end
     * padding). Found once by encoding one sample; checked again on every split encode.
     */
    private static final ConcurrentMap<Long, Integer> DELAY_FRAMES = new ConcurrentHashMap<>();
    /** Silence kept on each side of a cut, so no encoder window reaches sound near it. */
    static final int GUARD_FRAMES = 2;
    /** Shorter programmes are encoded as one stream. */
    static final double MIN_SPLIT_SECONDS = 4;

    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
    private static final int[] MPEG2_RATES = {22050, 24000, 16000, -1};

    private Mp3() {}

    public static byte[] encode(Pcm pcm, int bitrateKbps) {
        return encode(Wav.quantise(pcm.samples()), pcm.sampleRate(), bitrateKbps);
    }

    /** MP3 of samples already quantised ({@link Wav#quantise}), as the WAV has them. */
    public static byte[] encode(short[] q, int sampleRate, int bitrateKbps) {
        if (Runtime.getRuntime().availableProcessors() > 1) {
            int delayFrames = delayFrames(sampleRate, bitrateKbps);
            int cut = delayFrames > 0 ? silentCut(q, sampleRate, delayFrames) : 0;
            if (cut > 0) {
                byte[] halves = encodeHalves(q, cut, delayFrames, sampleRate, bitrateKbps);
                if (halves != null) {
                    return halves;
                }
            }
        }
        return encode(q, 0, q.length, sampleRate, bitrateKbps, QUALITY_FASTEST);
    }

    /** One stream from one encoder, never split (what {@link #encode(Pcm, int)} does without a silent gap). */
    static byte[] encodeWhole(Pcm pcm, int bitrateKbps) {
        short[] q = Wav.quantise(pcm.samples());
        return encode(q, 0, q.length, pcm.sampleRate(), bitrateKbps, QUALITY_FASTEST);
    }

    /**
     * Two cores: the programme is cut in a pause (digital silence of 2 x {@code GUARD_FRAMES} +
     * {@link #delayFrames} frames, 252 ms at 16 kHz, near the middle), each part encoded by its
     * own encoder at the same time and the frames concatenated. An encoder delays its input by a
     * fixed number of samples and pads the end to whole frames, so the second stream's audio
     * would start late: that many samples of the pause are left out (the silence the first
     * stream's padding and the second stream's delay add back), which puts every sample after
     * the cut where the single stream has it and keeps the decoded length exactly. Both frame
     * counts are checked against that arithmetic; on a mismatch the whole signal is encoded as
     * one stream instead.
     *
     * @return null when the halves do not have the expected frame counts
     */
    private static byte[] encodeHalves(short[] q, int cut, int delayFrames, int rate, int bitrateKbps) {
        int removed = delayFrames * SAMPLES_PER_FRAME;
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        Runnable encodeFirst = () -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    first.complete(encode(q, 0, cut, rate, bitrateKbps, QUALITY_FASTEST));
                } catch (RuntimeException | Error e) {
                    first.completeExceptionally(e);
                }
            }
        };
        ForkJoinPool.commonPool().execute(encodeFirst);
        byte[] second = encode(q, cut + removed, q.length, rate, bitrateKbps, QUALITY_FASTEST);
        // A busy pool may not have started it: then this thread encodes it (no waiting on the pool).
        encodeFirst.run();
        byte[] head = first.join();
        int restLength = q.length - cut - removed;
        if (frames(head) != cut / SAMPLES_PER_FRAME + delayFrames
                || frames(second) != (restLength + SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME + delayFrames) {
            return null;
        }
        byte[] out = Arrays.copyOf(head, head.length + second.length);
        System.arraycopy(second, 0, out, head.length, second.length);
        return out;
    }

    /**
     * A frame boundary in the digital silence nearest the middle with {@code GUARD_FRAMES} of
     * silence before it and, after the samples left out, after it too (so neither encoder's
     * window reaches sound near the cut); 0 when there is none or the programme is short.
     */
    static int silentCut(short[] q, int rate, int delayFrames) {
        int n = q.length;
        if (n < MIN_SPLIT_SECONDS * rate) {
            return 0;
        }
        int guard = GUARD_FRAMES * SAMPLES_PER_FRAME;
        int removed = delayFrames * SAMPLES_PER_FRAME;
        int best = 0;
        int i = 0;
        while (i < n) {
            if (q[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && q[i] == 0) {
                i++;
            }
            // Silence is [start, i): the cut needs guard + removed + guard samples of it.
            int cut = ceilTo(start + guard, SAMPLES_PER_FRAME);
            if (start > 0 && i < n && cut + removed + guard <= i && Math.abs(cut - n / 2) < Math.abs(best - n / 2)) {
                best = cut;
            }
        }
        // Not worth a second encoder when one part is small.
        return best >= n / 4 && best <= n * 3 / 4 ? best : 0;
    }

    static int delayFrames(int rate, int bitrateKbps) {
        return DELAY_FRAMES.computeIfAbsent(
                (long) rate << 16 | bitrateKbps,
                k -> frames(encode(new short[1], 0, 1, rate, bitrateKbps, QUALITY_FASTEST)) - 1);
    }

    private static int ceilTo(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }

    /** Counts MPEG-2 Layer III frames (what this class writes: mono, 16 / 22.05 / 24 kHz). */
    static int frames(byte[] mp3) {
        int count = 0;
        int at = 0;
        while (at + 4 <= mp3.length) {
            if ((mp3[at] & 0xff) != 0xff || (mp3[at + 1] & 0xfe) != 0xf2) {
                return -1; // not an MPEG-2 Layer III header: make the caller fall back
            }
            int b2 = mp3[at + 2] & 0xff;
            int bitrate = MPEG2_KBPS[b2 >> 4];
            int rate = MPEG2_RATES[(b2 >> 2) & 3];
            if (bitrate <= 0 || rate <= 0) {
                return -1;
            }
            at += 72_000 * bitrate / rate + ((b2 >> 1) & 1);
            count++;
        }
        return at == mp3.length ? count : -1;
    }

    private static byte[] encode(short[] q, int from, int to, int rate, int bitrateKbps, int quality) {
        Lame lame = newLame();
        LameGlobalFlags gfp = lame.lame_init();
        gfp.num_channels = 1;
        gfp.in_samplerate = rate;
        gfp.mode = MPEGMode.MONO;
        gfp.brate = bitrateKbps;
        gfp.quality = quality;
        gfp.write_id3tag_automatic = false;
        gfp.findReplayGain = false;
        if (lame.lame_init_params(gfp) < 0) {
            throw new IllegalArgumentException(
                    "MP3 parameters not supported: " + rate + " Hz, " + bitrateKbps + " kbps");
        }
        try {
            // LAME's worst case per call: 1.25 x samples + 7200 bytes.
            byte[] buffer = new byte[CHUNK_SAMPLES * 5 / 4 + 7200];
            int[] chunk = new int[CHUNK_SAMPLES];
            ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) / 4 + 8192);
            for (int at = from; at < to; at += CHUNK_SAMPLES) {
                int n = Math.min(CHUNK_SAMPLES, to - at);
                for (int i = 0; i < n; i++) {
                    // Scaled to LAME's 32-bit integer input.
                    chunk[i] = q[at + i] << 16;
                }
                out.write(
                        buffer, 0, check(lame.lame_encode_buffer_int(gfp, chunk, chunk, n, buffer, 0, buffer.length)));
            }
            out.write(buffer, 0, check(lame.lame_encode_flush(gfp, buffer, 0, buffer.length)));
            return out.toByteArray();
        } finally {
            lame.lame_close(gfp);
        }
    }

    private static int check(int bytes) {
        if (bytes < 0) {
            throw new IllegalStateException("MP3 encoder error " + bytes);
        }
        return bytes;
    }

    /** The module graph jump3r's LameEncoder builds (it has no factory of its own). */
    private static Lame newLame() {
        Lame lame = new Lame();
        GetAudio audio = new GetAudio();
        GainAnalysis gain = new GainAnalysis();
        BitStream bits = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        VBRTag vbrTag = new VBRTag();
        Version version = new Version();
        ID3Tag id3 = new ID3Tag();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        Parse parse = new Parse();
        MPGLib mpg = new MPGLib();
        Interface intf = new Interface();
        Common common = new Common();
        lame.setModules(gain, bits, presets, quantizePvt, quantize, vbrTag, version, id3, mpg);
        bits.setModules(gain, mpg, version, vbrTag);
        id3.setModules(bits, version);
        presets.setModules(lame);
        quantize.setModules(bits, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bits);
        takehiro.setModules(quantizePvt);
        vbrTag.setModules(lame, bits, version);
        audio.setModules(parse, mpg);
        parse.setModules(version, id3, presets);
        mpg.setModules(intf, common);
        intf.setModules(vbrTag, common);
        return lame;
    }
}
