package dev.tocsin.audio;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.master.MasteringSettings;
import dev.tocsin.audio.programme.AudioTemplates;
import dev.tocsin.audio.programme.ProgrammeRenderer;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.audio.speech.EspeakEngine;
import dev.tocsin.audio.speech.EspeakWasmEngine;
import dev.tocsin.audio.speech.SpeechEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Chinese speech benchmark, outside the normal run:
 * {@code ./mvnw -B test -Dtest=ChineseSpeechBenchmark -DexcludedGroups=none -Dtocsin.bench=true}.
 * First render after the engine is created (module parse and compile included) and warm renders
 * of a one-minute Mandarin programme, mastered; the system espeak-ng, when installed, is the
 * baseline in the same run. Numbers in docs/BENCHMARKS-audio.md.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "tocsin.bench", matches = "true")
class ChineseSpeechBenchmark {

    static final String SCRIPT = "各位居民请注意：受强冷空气影响，今晚到一月二十五日，我区将出现寒潮、冻雨和道路结冰天气，"
            + "最低气温零下3℃。请大家关好门窗，做好防寒保暖；冇事尽量少出门，出行时刻记安全。"
            + "烤火记得开门窗，一氧化碳要严防。如遇险情，请拨打求助电话12345，火警请拨119。";
    static final String KEY = "冇事尽量少出门，出行时刻记安全。";

    private static final AudioTemplates TEMPLATES = AudioTemplates.load(Path.of("audio-templates"));
    private static final MasteringChain CHAIN =
            new MasteringChain(new MasteringSettings(16000, 150, 5000, -24, 3, -16, -1, 0.8, 0.01, 0.3, 0.5, 48));

    private static Pcm render(SpeechEngine engine, VoiceProfile profile) {
        return CHAIN.master(new ProgrammeRenderer(engine, TEMPLATES.phraseBank(profile), 16000)
                .render(
                        SCRIPT,
                        KEY,
                        profile,
                        TEMPLATES.programme("notice").orElseThrow().segments(Urgency.URGENT))
                .audio());
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    @Test
    void firstAndWarmRenderOfAOneMinuteMandarinProgramme() throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String flag = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("DontCompileHugeMethods")
                .getValue();
        System.out.printf(
                "BENCH load average %s, %d cores, DontCompileHugeMethods=%s%n",
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip(),
                Runtime.getRuntime().availableProcessors(),
                flag);
        VoiceProfile mandarin = TEMPLATES.profile("mandarin").orElseThrow();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        EspeakWasmEngine wasm = new EspeakWasmEngine(Duration.ofSeconds(300));
        Pcm first = render(wasm, mandarin);
        System.out.printf(
                "BENCH espeak-wasm first render (engine created, module compiled): %.0f ms wall, %.0f ms CPU, %.1f s of audio%n",
                (System.nanoTime() - t0) / 1e6, (os.getProcessCpuTime() - c0) / 1e6, first.durationSeconds());
        measure("espeak-wasm", wasm, mandarin, os);
        EspeakEngine system = new EspeakEngine("espeak-ng", Duration.ofSeconds(30));
        if (system.status().available()) {
            measure("espeak-ng (system, " + system.status().version() + ")", system, mandarin, os);
        } else {
            System.out.println("BENCH espeak-ng not installed: no baseline");
        }
    }

    private static void measure(
            String name, SpeechEngine engine, VoiceProfile profile, com.sun.management.OperatingSystemMXBean os) {
        int runs = 8;
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        double seconds = 0;
        for (int i = -4; i < runs; i++) {
            long c = os.getProcessCpuTime();
            long t = System.nanoTime();
            seconds = render(engine, profile).durationSeconds();
            if (i >= 0) {
                wall[i] = System.nanoTime() - t;
                cpu[i] = os.getProcessCpuTime() - c;
            }
        }
        System.out.printf(
                "BENCH %s warm render+master of %.1f s programme: median %.0f ms wall, %.0f ms CPU (%d runs)%n",
                name, seconds, median(wall) / 1e6, median(cpu) / 1e6, runs);
    }
}
