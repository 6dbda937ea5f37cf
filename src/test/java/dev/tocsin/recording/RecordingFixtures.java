package dev.tocsin.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.audio.speech.SpeechEngine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Recordings as a staff member's phone makes them: real speech (the bundled voice stands in for
 * the speaker) at a low level, with a second of room noise before and after, as 44.1 kHz stereo
 * 24-bit WAV; and the same as FLAC (ffmpeg) for upload tests.
 */
public final class RecordingFixtures {

    private RecordingFixtures() {}

    /** Mandarin speech from the bundled engine, at the engine's rate. */
    public static Pcm speech(AudioCatalog catalog, String text) {
        VoiceProfile profile = catalog.templates().profile("mandarin").orElseThrow();
        SpeechEngine engine = catalog.engineFor(profile).orElseThrow();
        return engine.synthesize(text, profile.settingsFor(engine.id())).trim(-50);
    }

    /** {@code speech} at {@code lufs}, a second of noise at {@code noiseDbfs} (RMS) at each end and under it. */
    public static Pcm noisy(Pcm speech, double lufs, double noiseDbfs, long seed) {
        int rate = 44_100;
        Pcm voice = Resampler.resample(speech, rate);
        voice = voice.gainDb(lufs - LoudnessMeter.integrated(voice));
        float[] out = new float[voice.length() + 2 * rate];
        Random random = new Random(seed);
        double noise = Math.pow(10, noiseDbfs / 20);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (random.nextGaussian() * noise);
        }
        for (int i = 0; i < voice.length(); i++) {
            out[rate + i] += voice.samples()[i];
        }
        return new Pcm(out, rate);
    }

    /** Stereo 24-bit PCM WAV (both channels the same signal). */
    public static byte[] wav24Stereo(Pcm pcm) {
        int frames = pcm.length();
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 6).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 6);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 2).putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 6);
        b.putShort((short) 6).putShort((short) 24);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 6);
        for (float s : pcm.samples()) {
            int v = (int) Math.max(-8388608, Math.min(8388607, Math.round(s * 8388607.0)));
            for (int c = 0; c < 2; c++) {
                b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
        }
        return b.array();
    }

    /** The WAV converted to FLAC by ffmpeg. */
    public static byte[] flac(byte[] wav) throws Exception {
        Path dir = Files.createTempDirectory("tocsin-flac");
        Path in = dir.resolve("in.wav");
        Path out = dir.resolve("out.flac");
        Files.write(in, wav);
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-i", in.toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        p.getInputStream().transferTo(log);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(out);
    }
}
