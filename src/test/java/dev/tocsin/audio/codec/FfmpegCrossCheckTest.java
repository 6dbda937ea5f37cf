package dev.tocsin.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.dsp.TruePeak;
import dev.tocsin.testing.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares our meter with ffmpeg's ebur128 filter (an independent implementation). Skipped without ffmpeg. */
class FfmpegCrossCheckTest {

    private static boolean ffmpegPresent() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void ourMeterAgreesWithFfmpegOnSpeechLikeAudio(@TempDir Path dir) throws Exception {
        assumeTrue(ffmpegPresent(), "ffmpeg not installed");
        for (int rate : new int[] {16000, 22050}) {
            Pcm pcm = Signals.bursts(12, rate, -2, rate);
            Path wav = dir.resolve("bursts-" + rate + ".wav");
            Files.write(wav, Wav.write(pcm));
            double[] ffmpeg = Ffmpeg.loudnessAndTruePeak(wav);
            Pcm asWritten = Wav.read(Files.readAllBytes(wav));
            assertThat(LoudnessMeter.integrated(asWritten))
                    .as("loudness at %d", rate)
                    .isCloseTo(ffmpeg[0], within(0.3));
            assertThat(TruePeak.dbtp(asWritten)).as("true peak at %d", rate).isCloseTo(ffmpeg[1], within(0.5));
        }
    }

    @Test
    void ourMeterAgreesWithFfmpegOnAMonoSine(@TempDir Path dir) throws Exception {
        assumeTrue(ffmpegPresent(), "ffmpeg not installed");
        Path wav = dir.resolve("sine.wav");
        Files.write(wav, Wav.write(Signals.sine(1000, -20, 10, 16000)));
        assertThat(Ffmpeg.loudnessAndTruePeak(wav)[0])
                .isCloseTo(LoudnessMeter.integrated(Wav.read(Files.readAllBytes(wav))), within(0.2));
    }
}
