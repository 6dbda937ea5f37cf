package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tocsin.testing.Tags;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pages a real baresip (Debian package) that answers automatically and records what it decodes
 * (aubridge as audio device, sndfile dumping the decoded stream to WAV), then compares the
 * recording with the programme. CI installs baresip, so there a missing binary is a failure.
 */
@Tag(Tags.H2_ONLY)
class BaresipTest {
    static final Path BARESIP = Path.of("/usr/bin/baresip");
    static final int RATE = 16000;
    static final double SECONDS = 3.0;

    static Path dir;
    static Process process;
    static int sipPort;
    static SipPager pager;

    @BeforeAll
    static void startBaresip() throws Exception {
        if (!Files.isExecutable(BARESIP)) {
            if (System.getenv("CI") != null) fail("baresip is not installed (.ci/run installs it)");
            Assumptions.assumeTrue(false, "baresip not installed: apt-get install baresip");
        }
        dir = Files.createTempDirectory("baresip-test");
        sipPort = freeUdpPort();
        Files.writeString(
                dir.resolve("config"),
                String.join(
                        "\n",
                        "poll_method epoll",
                        "sip_listen 127.0.0.1:" + sipPort,
                        "audio_player aubridge,nil",
                        "audio_source aubridge,nil",
                        "audio_alert aubridge,nil",
                        "audio_srate 8000",
                        "audio_channels 1",
                        "snd_path " + dir.resolve("rec"),
                        "module_path /usr/lib/baresip/modules",
                        "module g711.so",
                        "module aubridge.so",
                        "module sndfile.so",
                        "module_app account.so",
                        "module_app menu.so",
                        "rtp_ports 42000-42999",
                        ""));
        Files.writeString(
                dir.resolve("accounts"), "<sip:speaker@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n");
        Files.writeString(dir.resolve("contacts"), "");
        Files.createDirectories(dir.resolve("rec"));
        // -n 127.0.0.1: its SDP must carry the loopback address, not the machine's other one.
        process = new ProcessBuilder(BARESIP.toString(), "-n", "127.0.0.1", "-f", dir.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Files.readString(dir.resolve("baresip.log")).contains("baresip is ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("baresip did not start:\n" + Files.readString(dir.resolve("baresip.log")));
            }
            Thread.sleep(100);
        }
        pager = new SipPager(new SipSettings(
                0, "127.0.0.1", 43000, 43999, Duration.ofSeconds(10), Duration.ofSeconds(4), "Tocsin-test"));
    }

    @AfterAll
    static void stopBaresip() throws Exception {
        if (pager != null) pager.stop();
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** Linear chirp 300 Hz to 3.4 kHz with 10 ms fades, so its start and end are sharp. */
    static short[] chirp() {
        int n = (int) (RATE * SECONDS);
        short[] s = new short[n];
        double f0 = 300;
        double f1 = 3400;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * SECONDS));
            double fade = Math.min(1, Math.min(i, n - 1 - i) / (0.01 * RATE));
            s[i] = (short) Math.round(12000 * fade * Math.sin(phase));
        }
        return s;
    }

    record Wav(int rate, short[] samples) {}

    static Wav readWav(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException("not a WAV: " + p);
        int pos = 12;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (bits != 16) throw new IOException("expected 16-bit PCM, got " + bits);
                len = Math.min(len < 0 ? Integer.MAX_VALUE : len, b.limit() - pos - 8);
                short[] s = new short[len / 2 / channels];
                for (int i = 0; i < s.length; i++) s[i] = b.getShort(pos + 8 + i * 2 * channels);
                return new Wav(rate, s);
            }
            pos += 8 + len + (len & 1);
        }
        throw new IOException("no data chunk in " + p);
    }

    @Test
    void baresipRecordsTheProgramme() throws Exception {
        short[] pcm = chirp();
        String uri = "sip:speaker@127.0.0.1:" + sipPort;
        PageResult r = pager.page(SipTarget.of(uri), pcm, RATE);
        System.out.println("baresip page: " + r);
        assertEquals(
                PageOutcome.COMPLETED, r.outcome(), r.reason() + "\n" + Files.readString(dir.resolve("baresip.log")));
        System.out.printf(
                "baresip: INVITE->200 %d ms, INVITE->first RTP %d ms, codec %s%n",
                Duration.between(r.invitedAt(), r.answeredAt()).toMillis(),
                Duration.between(r.invitedAt(), r.firstRtpAt()).toMillis(),
                r.codec());

        Path rec = awaitRecording();
        Wav wav = readWav(rec);
        System.out.printf("recording %s: %d Hz, %d samples%n", rec.getFileName(), wav.rate(), wav.samples().length);
        short[] got = wav.rate() == 8000 ? wav.samples() : Resampler.resample(wav.samples(), wav.rate(), 8000);
        int[] span = nonSilent(got, 300);
        short[] reference = Resampler.resample(pcm, RATE, 8000);
        int[] refSpan = nonSilent(reference, 300);
        double recordedSeconds = (span[1] - span[0] + 1) / 8000.0;
        double refSeconds = (refSpan[1] - refSpan[0] + 1) / 8000.0;
        double corr = bestCorrelation(reference, refSpan[0], got, span[0]);
        System.out.printf(
                "baresip recording: %.3f s of sound (programme %.3f s, difference %.0f ms), normalised cross-correlation %.4f%n",
                recordedSeconds, refSeconds, 1000 * Math.abs(recordedSeconds - refSeconds), corr);
        assertTrue(Math.abs(recordedSeconds - refSeconds) <= 0.1, "duration " + recordedSeconds + " s");
        assertTrue(corr >= 0.9, "correlation " + corr);
    }

    /** The decoded-stream dump, once baresip has closed it (size stops changing). */
    static Path awaitRecording() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir.resolve("rec"))) {
                List<Path> dec = s.filter(p -> p.getFileName().toString().contains("dec"))
                        .toList();
                if (dec.size() == 1) {
                    long size = Files.size(dec.get(0));
                    if (size > 44 && size == lastSize) return dec.get(0);
                    lastSize = size;
                }
            }
            Thread.sleep(250);
        }
        try (Stream<Path> s = Files.list(dir.resolve("rec"))) {
            fail("no decoded recording from baresip; files: " + s.toList() + "\n"
                    + Files.readString(dir.resolve("baresip.log")));
        }
        return null;
    }

    static int[] nonSilent(short[] x, int threshold) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < threshold) first++;
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < threshold) last--;
        if (first >= x.length) fail("recording is silent");
        return new int[] {first, last};
    }

    /** Normalised cross-correlation at the best lag within 20 ms of the aligned starts. */
    static double bestCorrelation(short[] ref, int refStart, short[] got, int gotStart) {
        double best = -1;
        int n = ref.length - refStart;
        for (int lag = -160; lag <= 160; lag++) {
            double ab = 0, aa = 0, bb = 0;
            for (int i = 0; i < n; i++) {
                int j = gotStart + lag + i;
                double a = ref[refStart + i];
                double b = j >= 0 && j < got.length ? got[j] : 0;
                ab += a * b;
                aa += a * a;
                bb += b * b;
            }
            if (bb > 0) best = Math.max(best, ab / Math.sqrt(aa * bb));
        }
        return best;
    }
}
