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

    /**
     * Seconds of silence (under {@code noiseDb}) at the start and at the end of a file, by ffmpeg's
     * silencedetect: {lead, tail}.
     */
    public static double[] edgeSilences(Path audio, double durationSeconds, int noiseDb) throws Exception {
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-nostats",
                        "-hide_banner",
                        "-i",
                        audio.toString(),
                        "-af",
                        "silencedetect=noise=" + noiseDb + "dB:d=0.01",
                        "-f",
                        "null",
                        "-")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        double lead = 0;
        double tail = 0;
        Matcher starts = Pattern.compile("silence_start: (-?[0-9.e-]+)").matcher(out);
        Matcher ends = Pattern.compile("silence_end: ([0-9.]+)").matcher(out);
        java.util.List<Double> s = new java.util.ArrayList<>();
        java.util.List<Double> e = new java.util.ArrayList<>();
        while (starts.find()) {
            s.add(Double.parseDouble(starts.group(1)));
        }
        while (ends.find()) {
            e.add(Double.parseDouble(ends.group(1)));
        }
        if (!s.isEmpty() && s.get(0) <= 0.001 && !e.isEmpty()) {
            lead = e.get(0);
        }
        // A silence that runs to the end of the file has no end, or (newer ffmpeg) ends at the file's end.
        if (s.size() > e.size()
                || !s.isEmpty() && e.get(e.size() - 1) >= durationSeconds - 0.02 && s.size() == e.size()) {
            tail = durationSeconds - s.get(s.size() - 1);
        }
        return new double[] {lead, tail};
    }
}
