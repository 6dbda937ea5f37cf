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

    private Mp3() {
    }

    public static byte[] encode(Pcm pcm, int bitrateKbps) {
        return encode(pcm, bitrateKbps, QUALITY_FASTEST);
    }

    static byte[] encode(Pcm pcm, int bitrateKbps, int quality) {
        Lame lame = newLame();
        LameGlobalFlags gfp = lame.lame_init();
        gfp.num_channels = 1;
        gfp.in_samplerate = pcm.sampleRate();
        gfp.mode = MPEGMode.MONO;
        gfp.brate = bitrateKbps;
        gfp.quality = quality;
        gfp.write_id3tag_automatic = false;
        gfp.findReplayGain = false;
        if (lame.lame_init_params(gfp) < 0) {
            throw new IllegalArgumentException("MP3 parameters not supported: " + pcm.sampleRate() + " Hz, "
                    + bitrateKbps + " kbps");
        }
        try {
            float[] s = pcm.samples();
            // LAME's worst case per call: 1.25 x samples + 7200 bytes.
            byte[] buffer = new byte[CHUNK_SAMPLES * 5 / 4 + 7200];
            int[] chunk = new int[CHUNK_SAMPLES];
            ByteArrayOutputStream out = new ByteArrayOutputStream(s.length / 4 + 8192);
            for (int at = 0; at < s.length; at += CHUNK_SAMPLES) {
                int n = Math.min(CHUNK_SAMPLES, s.length - at);
                for (int i = 0; i < n; i++) {
                    // 16-bit samples, as in the WAV, scaled to LAME's 32-bit integer input.
                    chunk[i] = Wav.toShort(s[at + i]) << 16;
                }
                out.write(buffer, 0, check(lame.lame_encode_buffer_int(gfp, chunk, chunk, n, buffer, 0, buffer.length)));
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
