package dev.tocsin.audience;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Import, targeting and export of 100,000 residents, timed, with the heap's peak. Not part of
 * the normal run: {@code ./mvnw test -Dtest=ResidentImportBench -DexcludedGroups= -Dgroups=bench}
 * (add {@code -Dtocsin.db=mariadb -Dtocsin.db.url=...} for MariaDB). Results go to stdout and
 * target/bench-audience.txt; docs/BENCHMARKS-audience.md records measured runs.
 */
@QuarkusTest
@Tag("bench")
class ResidentImportBench {

    static final int ROWS = 100_000;

    @Inject
    AudienceFixtures fx;

    @Inject
    ResidentImporter importer;

    @Inject
    AudienceService audience;

    @Inject
    ResidentExporter exporter;

    final List<String> results = new ArrayList<>();

    @Test
    void importTargetAndExportOneHundredThousandResidents() throws Exception {
        fx.ensureUsers();
        String run = AudienceFixtures.run();
        String district = fx.area("D" + run, "区" + run, AreaKind.DISTRICT, null);
        List<String> villages = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String town = fx.area("T" + t + run, "镇" + t + run, AreaKind.TOWN, district);
            for (int v = 0; v < 25; v++) {
                villages.add(fx.area("V" + t + "x" + v + run, "村" + v, AreaKind.VILLAGE, town));
            }
        }
        Path csv = Files.createTempFile("residents", ".csv");
        long base = 10_000_000L + new Random().nextInt(80_000_000);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("姓名,手机号,区域,语言,标签\n");
            for (int i = 0; i < ROWS; i++) {
                int v = i % villages.size();
                // A quarter of the rows name the village by its name path, as committees write it.
                String area = i % 4 == 0 ? "区" + run + "/镇" + (v / 25) + run + "/村" + (v % 25) : villages.get(v);
                w.write("居民" + i + ",+86135" + (base + i) + "," + area + "," + (i % 10 == 0 ? "en" : "zh-CN") + ","
                        + (i % 3 == 0 ? "elderly;vendor" : "") + "\n");
            }
        }
        results.add(String.format(
                "file: %d rows, %.1f MB, database %s",
                ROWS, Files.size(csv) / 1e6, System.getProperty("quarkus.test.profile", "test")));

        ImportReport dry = measure("import dry run (service, streamed from file)", () -> run(csv, false));
        assertThat(dry.accepted()).isEqualTo(ROWS);
        ImportReport done = measure("import commit, 100k inserts in one transaction", () -> run(csv, true));
        assertThat(done.inserted()).isEqualTo(ROWS);
        ImportReport again = measure("import commit again, all duplicates skipped", () -> run(csv, true));
        assertThat(again.skipped()).isEqualTo(ROWS);
        long streamed = measure(
                "stream the audience of the district (keyset chunks of 1000)",
                () -> QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                    try (Stream<Recipient> s = audience.residents(AudienceQuery.areas(district))) {
                        return s.count();
                    }
                }));
        assertThat(streamed).isEqualTo(ROWS);
        AudienceService.Counts counts = measure(
                "count the district's audience (sms, terminals, per area)",
                () -> audience.count(AudienceQuery.areas(district)));
        assertThat(counts.smsRecipients()).isEqualTo(ROWS);
        long bytes = measure("export the district as CSV", () -> {
            CountingStream out = new CountingStream();
            exporter.write(exporter.begin("bench", district), out);
            return out.count;
        });
        results.add(String.format("export size: %.1f MB", bytes / 1e6));
        Files.delete(csv);
        Files.write(Path.of("target", "bench-audience.txt"), results);
    }

    private ImportReport run(Path csv, boolean commit) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return importer.importCsv("bench", in, null, commit, ResidentImporter.Duplicates.SKIP);
        }
    }

    private <T> T measure(String what, Callable<T> task) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        T result = task.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        // The machine is shared: CPU time of this thread (which runs the import and, on H2, the
        // database too) says more than wall time under load.
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        String line = String.format(
                "%-62s wall %6.2f s (%6.0f rows/s)  cpu %6.2f s  heap before %4d MB, peak %4d MB," + " load %.1f",
                what, seconds, ROWS / seconds, cpu, before >> 20, peak >> 20, load);
        // Printed at once so that a run cut short still leaves its numbers.
        System.out.println("BENCH " + line);
        results.add(line);
        return result;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
