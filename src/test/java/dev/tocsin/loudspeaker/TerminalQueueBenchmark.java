package dev.tocsin.loudspeaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Queue benchmark, outside the normal run:
 * {@code ./mvnw test -Dtest=TerminalQueueBenchmark -Dtocsin.bench=true} (needs {@code wrk}).
 * 1,000 terminals poll the queue through wrk (bench/loudspeaker/queue.lua gives every request
 * the next terminal's token); then 1,000 long-polls wait and an urgent play is scheduled for all
 * of them. Prints BENCH lines recorded in docs/BENCHMARKS-loudspeaker.md.
 */
@QuarkusTest
@Tag("bench")
@EnabledIfSystemProperty(named = "tocsin.bench", matches = "true")
class TerminalQueueBenchmark {

    private static final int TERMINALS = 1000;

    @Inject
    TerminalService terminals;

    @Inject
    PlayService plays;

    @Inject
    Clock clock;

    @TestHTTPResource("/")
    URL root;

    @Test
    void thousandTerminalsPollingAndUrgentWakeUp() throws Exception {
        String[] area = TerminalFixtures.areas(clock);
        String base = root.toString().replaceAll("/$", "");
        // Registered 100 per transaction: on a loaded machine one big transaction outlives its timeout.
        List<String> tokens = new ArrayList<>();
        for (int from = 0; from < TERMINALS; from += 100) {
            int start = from;
            tokens.addAll(QuarkusTransaction.requiringNew()
                    .timeout(600)
                    .call(() -> IntStream.range(start, start + 100)
                            .mapToObj(i -> terminals
                                    .register(
                                            "bench",
                                            "B7-" + area[1] + "-" + i,
                                            new TerminalService.Settings(
                                                    "Bench " + i, area[1], null, "Asia/Shanghai", 80, true, false))
                                    .token())
                            .toList()));
        }
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> Terminal.<Terminal>list("code like ?1", "B7-" + area[1] + "-%").stream()
                        .map(t -> t.id)
                        .toList());
        Instant now = clock.instant();
        String key = TerminalFixtures.audioKey();
        long s0 = System.nanoTime();
        QuarkusTransaction.requiringNew()
                .timeout(600)
                .run(() -> plays.schedule(
                        new PlayService.PlayRequest(
                                "bench-routine-" + area[1],
                                key,
                                PlayPriority.ROUTINE,
                                now,
                                now.plus(Duration.ofHours(2))),
                        ids.stream()));
        System.out.printf(
                "BENCH schedule 1000 routine plays (no waiters) + commit: %dms%n",
                (System.nanoTime() - s0) / 1_000_000);

        HttpClient http = HttpClient.newBuilder().build();
        List<String> etags = new ArrayList<>();
        for (String t : tokens) {
            etags.add(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/terminal/v1/queue"))
                                    .header("Authorization", "Bearer " + t)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow());
        }
        Path plain = Files.write(Files.createTempFile("tokens", ".txt"), tokens);
        List<String> withEtags = IntStream.range(0, TERMINALS)
                .mapToObj(i -> tokens.get(i) + " " + etags.get(i))
                .toList();
        Path conditional = Files.write(Files.createTempFile("tokens-etag", ".txt"), withEtags);
        System.out.println("BENCH uptime before: " + uptime());
        // Warm-up (JIT) of every path, not recorded.
        wrk(base, "/q/health/live", null, "warm-up");
        wrk(base, "/terminal/v1/queue", plain, "warm-up");
        wrk(base, "/terminal/v1/queue", conditional, "warm-up");
        wrk(base, "/q/health/live", null, "baseline-health-live");
        wrk(base, "/terminal/v1/queue", plain, "full-200");
        wrk(base, "/terminal/v1/queue", conditional, "if-none-match-304");
        // The target is a rate with a latency: offer 3,000 requests/s and read p99 at that rate.
        wrk(base, "/terminal/v1/queue", plain, "paced-3000-full-200");
        wrk(base, "/terminal/v1/queue", conditional, "paced-3000-if-none-match-304");
        System.out.println("BENCH uptime after: " + uptime());

        // Urgent wake-up: every terminal long-polls with its current version, then one schedule call.
        List<CompletableFuture<Long>> arrivals = new ArrayList<>();
        for (int i = 0; i < TERMINALS; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/terminal/v1/queue?wait=60s"))
                    .timeout(Duration.ofSeconds(90))
                    .header("Authorization", "Bearer " + tokens.get(i))
                    .header("If-None-Match", etags.get(i))
                    .build();
            arrivals.add(
                    http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).thenApply(resp -> {
                        assertThat(resp.statusCode()).isEqualTo(200);
                        return System.nanoTime();
                    }));
        }
        Thread.sleep(5000);
        long waitingAfter5s = arrivals.stream().filter(f -> !f.isDone()).count();
        long t0 = System.nanoTime();
        Instant urgentFrom = clock.instant();
        QuarkusTransaction.requiringNew()
                .timeout(600)
                .run(() -> plays.schedule(
                        new PlayService.PlayRequest(
                                "bench-urgent-" + area[1],
                                key,
                                PlayPriority.URGENT,
                                urgentFrom,
                                urgentFrom.plus(Duration.ofMinutes(30))),
                        ids.stream()));
        long committed = System.nanoTime();
        CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        long last = arrivals.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
        List<Long> sorted =
                arrivals.stream().map(f -> (f.join() - t0) / 1_000_000).sorted().toList();
        System.out.printf(
                "BENCH urgent-wake waiting=%d schedule+commit=%dms p50=%dms p99=%dms all=%dms%n",
                waitingAfter5s,
                (committed - t0) / 1_000_000,
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() * 99 / 100),
                (last - t0) / 1_000_000);
    }

    private static String uptime() throws Exception {
        Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    /** wrk with 1,000 connections; with tokens, through queue.lua (the path is then the script's). */
    private static void wrk(String base, String path, Path tokens, String label) throws Exception {
        Path script = Path.of("bench/loudspeaker/queue.lua").toAbsolutePath();
        String duration = label.equals("warm-up") ? "10s" : System.getProperty("tocsin.bench.duration", "20s");
        List<String> cmd =
                new ArrayList<>(List.of("wrk", "-t2", "-c1000", "-d" + duration, "--timeout", "10s", "--latency"));
        if (tokens != null) {
            cmd.addAll(List.of("-s", script.toString()));
        }
        cmd.add(base + path);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (tokens != null) {
            pb.environment().put("TOKENS", tokens.toString());
        }
        if (label.startsWith("paced-3000")) {
            // 1,000 connections, one request every 320 ms plus the answer time: a little over 3,000 requests/s.
            pb.environment().put("PACE_MS", "320");
        }
        // CPU this JVM (the server; the harness idles meanwhile) spends per request: less distorted
        // than throughput by other processes competing for the cores.
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        if (label.equals("warm-up")) {
            return;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+) requests in").matcher(out);
        long requests = m.find() ? Long.parseLong(m.group(1)) : 0;
        // Evidence that the run measured what its label says: the answers by status (queue.lua
        // counts them) and wrk's socket errors, on the BENCH line itself.
        java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>();
        java.util.regex.Matcher st =
                java.util.regex.Pattern.compile("(?m)^status (\\d+): (\\d+)$").matcher(out);
        while (st.find()) {
            statuses.merge(Integer.parseInt(st.group(1)), Long.parseLong(st.group(2)), Long::sum);
        }
        String socketErrors = find(out, "Socket errors: ([^\\n]+)");
        System.out.printf(
                "BENCH wrk %s: %s req/s, p50 %s, p99 %s, server CPU %d ms for %d requests = %.3f ms CPU per request; "
                        + "answers by status %s; socket errors %s%n%s%n",
                label,
                find(out, "Requests/sec:\\s+([0-9.]+)"),
                find(out, "(?m)^\\s+50%\\s+(\\S+)"),
                find(out, "(?m)^\\s+99%\\s+(\\S+)"),
                cpuMs,
                requests,
                requests == 0 ? 0.0 : (double) cpuMs / requests,
                tokens == null ? "(not counted)" : statuses,
                "?".equals(socketErrors) ? "none" : socketErrors,
                out);
        assertThat(requests).as("wrk %s made no request: %s", label, out).isPositive();
        if (tokens != null) {
            // Plain polls must be answered in full, conditional ones with 304: anything else (401 for
            // a bad token, 5xx) means the run did not measure the queue it names.
            int expected = label.contains("304") ? 304 : 200;
            assertThat(statuses.keySet()).as("wrk %s answers by status", label).containsOnly(expected);
        }
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }
}
