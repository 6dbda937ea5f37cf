package dev.tocsin.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.dsp.TruePeak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static double[] ffmpegLoudnessAndPeak(Path wav) throws Exception {
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-nostats",
                        "-hide_banner",
                        "-i",
                        wav.toString(),
                        "-af",
                        "ebur128=peak=true",
                        "-f",
                        "null",
                        "-")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String summary = out.substring(out.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(summary);
        Matcher tp = Pattern.compile("Peak:\\s+(-?[0-9.]+) dBFS").matcher(summary);
        assertThat(i.find()).as(summary).isTrue();
        assertThat(tp.find()).as(summary).isTrue();
        return new double[] {Double.parseDouble(i.group(1)), Double.parseDouble(tp.group(1))};
    }

    @Test
    void ourMeterAgreesWithFfmpegOnSpeechLikeAudio(@TempDir Path dir) throws Exception {
        assumeTrue(ffmpegPresent(), "ffmpeg not installed");
        for (int rate : new int[] {16000, 22050}) {
            Pcm pcm = Signals.bursts(12, rate, -2, rate);
            Path wav = dir.resolve("bursts-" + rate + ".wav");
            Files.write(wav, Wav.write(pcm));
            double[] ffmpeg = ffmpegLoudnessAndPeak(wav);
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
        assertThat(ffmpegLoudnessAndPeak(wav)[0])
                .isCloseTo(LoudnessMeter.integrated(Wav.read(Files.readAllBytes(wav))), within(0.2));
    }
}
