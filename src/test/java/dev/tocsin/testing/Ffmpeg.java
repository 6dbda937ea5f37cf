package dev.tocsin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ffmpeg as an independent meter for audio tests (the system package; tests check it is there). */
public final class Ffmpeg {

    private Ffmpeg() {}

    /** ffmpeg's ebur128 filter on a file: {integrated LUFS, true peak dBTP}. */
    public static double[] loudnessAndTruePeak(Path audio) throws Exception {
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-nostats",
                        "-hide_banner",
                        "-i",
                        audio.toString(),
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
}
