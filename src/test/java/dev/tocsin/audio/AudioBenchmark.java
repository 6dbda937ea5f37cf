package dev.tocsin.audio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.codec.Mp3;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.programme.ProgrammeRenderer;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.audio.speech.FreeTtsEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Audio benchmark, outside the normal run:
 * {@code ./mvnw test -Dtest=AudioBenchmark -Dtocsin.bench=true}. Prints the numbers recorded
 * in docs/BENCHMARKS-audio.md.
 */
@QuarkusTest
@Tag("bench")
@EnabledIfSystemProperty(named = "tocsin.bench", matches = "true")
class AudioBenchmark {

    private static final String SCRIPT = "Freezing rain is expected tonight and tomorrow morning. "
            + "Roads and bridges will be icy. Stay at home unless you must go out. "
            + "If you heat with charcoal, open a window.";

    @Inject
    AudioCatalog catalog;

    @Inject
    MeterRegistry registry;

    @Inject
    AudioService service;

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    @Test
    void thirtySecondProgrammeSynthesisMasteringEncodingAndDownloads() throws Exception {
        System.out.printf(
                "BENCH load average before: %s (%d cores)%n",
                loadAverage(), Runtime.getRuntime().availableProcessors());
        VoiceProfile en = catalog.templates().profile("en").orElseThrow();
        FreeTtsEngine engine = new FreeTtsEngine(1, Duration.ofSeconds(30));
        MasteringChain chain = catalog.mastering();
        int rate = chain.settings().sampleRate();
        ProgrammeRenderer renderer =
                new ProgrammeRenderer(engine, catalog.templates().phraseBank(en), rate);
        var segments = catalog.templates().programme("notice").orElseThrow().segments(Urgency.ROUTINE);
        String keyInstruction = "Stay at home unless you must go out.";
        // Baseline: FreeTTS alone speaking every text of the programme once (no assembly,
        // levelling, mastering or encoding).
        List<String> spoken = List.of(en.opening(), SCRIPT, keyInstruction, en.closing());
        var voice = en.settingsFor(FreeTtsEngine.ID);
        int runs = 20;
        // CPU time of the whole JVM per stage as well as wall time: on a machine shared by other
        // builds wall time mostly measures the wait for a core. Process time, not thread time,
        // because FreeTTS hands audio to a thread of its own; it includes GC and the (idle) app.
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[][] cpuNs = new long[4][runs];
        long[] raw = new long[runs];
        long[] synth = new long[runs];
        long[] master = new long[runs];
        long[] wavMs = new long[runs];
        long[] mp3Ms = new long[runs];
        double seconds = 0;
        double rawSeconds = 0;
        // Long warm-up: under a high load average the JIT compiler threads get little CPU.
        for (int i = -40; i < runs; i++) {
            long c0 = os.getProcessCpuTime();
            long r0 = System.nanoTime();
            double rawAudio = 0;
            for (String text : spoken) {
                rawAudio += engine.synthesize(text, voice).durationSeconds();
            }
            long c1 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Pcm unmastered =
                    renderer.render(SCRIPT, keyInstruction, en, segments).audio();
            long c2 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            Pcm mastered = chain.master(unmastered);
            long c3 = os.getProcessCpuTime();
            long t2 = System.nanoTime();
            short[] quantised = Wav.quantise(mastered.samples());
            byte[] wav = Wav.write(quantised, mastered.sampleRate());
            long t3 = System.nanoTime();
            byte[] mp3 = Mp3.encode(
                    quantised, mastered.sampleRate(), chain.settings().mp3BitrateKbps());
            long c4 = os.getProcessCpuTime();
            long t4 = System.nanoTime();
            assertThat(wav.length + mp3.length).isPositive();
            if (i >= 0) {
                cpuNs[0][i] = c1 - c0;
                cpuNs[1][i] = c2 - c1;
                cpuNs[2][i] = c3 - c2;
                cpuNs[3][i] = c4 - c3;
                raw[i] = t0 - r0;
                synth[i] = t1 - t0;
                master[i] = t2 - t1;
                wavMs[i] = t3 - t2;
                mp3Ms[i] = t4 - t3;
                seconds = mastered.durationSeconds();
                rawSeconds = rawAudio;
            }
        }
        double rawAvg = Arrays.stream(raw).average().orElseThrow();
        double synthAvg = Arrays.stream(synth).average().orElseThrow();
        double masterAvg = Arrays.stream(master).average().orElseThrow();
        double encodeAvg = Arrays.stream(wavMs).average().orElseThrow()
                + Arrays.stream(mp3Ms).average().orElseThrow();
        System.out.printf(
                "BENCH programme %.1f s mastered audio (raw speech %.1f s); averages of %d warm runs:"
                        + " raw FreeTTS synthesis %.0f ms; render: synthesis+assembly %.0f ms, mastering %.0f ms,"
                        + " WAV %.0f ms, MP3 %.0f ms, total %.0f ms%n",
                seconds,
                rawSeconds,
                runs,
                rawAvg / 1e6,
                synthAvg / 1e6,
                masterAvg / 1e6,
                Arrays.stream(wavMs).average().orElseThrow() / 1e6,
                Arrays.stream(mp3Ms).average().orElseThrow() / 1e6,
                (synthAvg + masterAvg + encodeAvg) / 1e6);
        System.out.printf(
                "BENCH medians: raw synthesis %.0f ms, synthesis+assembly %.0f ms, mastering %.0f ms,"
                        + " MP3 %.0f ms%n",
                median(raw) / 1e6, median(synth) / 1e6, median(master) / 1e6, median(mp3Ms) / 1e6);
        System.out.printf(
                "BENCH (mastering+encoding)/raw synthesis = %.2f (average), %.2f (medians)%n",
                (masterAvg + encodeAvg) / rawAvg, (median(master) + median(wavMs) + median(mp3Ms)) / median(raw));
        System.out.printf(
                "BENCH process CPU time, medians: raw synthesis %.0f ms; render: synthesis+assembly %.0f ms,"
                        + " mastering %.0f ms, WAV+MP3 %.0f ms, total %.0f ms; (mastering+encoding)/raw synthesis = %.2f%n",
                median(cpuNs[0]) / 1e6,
                median(cpuNs[1]) / 1e6,
                median(cpuNs[2]) / 1e6,
                median(cpuNs[3]) / 1e6,
                (median(cpuNs[1]) + median(cpuNs[2]) + median(cpuNs[3])) / 1e6,
                (median(cpuNs[2]) + median(cpuNs[3])) / median(cpuNs[0]));

        AudioService.Request request =
                new AudioService.Request(SCRIPT + " Bench " + System.nanoTime(), "en", "routine", null, null);
        long p0 = System.nanoTime();
        AudioService.Result first = service.preview(request);
        long p1 = System.nanoTime();
        int hitRuns = 50;
        long h0 = System.nanoTime();
        for (int i = 0; i < hitRuns; i++) {
            assertThat(service.preview(request).cached()).isTrue();
        }
        long h1 = System.nanoTime();
        String url = "/api/audio/" + first.programme().key() + ".mp3";
        long g0 = System.nanoTime();
        for (int i = 0; i < hitRuns; i++) {
            given().get(url).then().statusCode(200);
        }
        long g1 = System.nanoTime();
        System.out.printf(
                "BENCH service: first render %d ms (%.1f s programme), cache hit avg %.2f ms;"
                        + " GET .mp3 (%d bytes) over HTTP avg %.2f ms%n",
                ms(p1 - p0),
                first.programme().durationMs() / 1000.0,
                (h1 - h0) / 1e6 / hitRuns,
                first.programme().mp3Bytes(),
                (g1 - g0) / 1e6 / hitRuns);

        double before = registry.counter("tocsin.audio.renders").count();
        AudioService.Request fresh =
                new AudioService.Request(SCRIPT + " Concurrent " + System.nanoTime(), "en", "routine", null, null);
        int clients = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<byte[]>> downloads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                downloads.add(pool.submit(() -> {
                    start.await();
                    String key = service.preview(fresh).programme().key();
                    return given().get("/api/audio/" + key + ".mp3")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asByteArray();
                }));
            }
            long c0 = System.nanoTime();
            start.countDown();
            byte[] reference = downloads.get(0).get();
            for (Future<byte[]> d : downloads) {
                assertThat(Arrays.equals(d.get(), reference)).isTrue();
            }
            long c1 = System.nanoTime();
            double rendered = registry.counter("tocsin.audio.renders").count() - before;
            System.out.printf(
                    "BENCH %d concurrent render requests + downloads of one new key: %d ms wall,"
                            + " %d bytes each, renders: %.0f%n",
                    clients, ms(c1 - c0), reference.length, rendered);
            assertThat(rendered).isEqualTo(1.0);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("BENCH load average after: %s%n", loadAverage());
    }
}
