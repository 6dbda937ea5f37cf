package dev.tocsin.loudspeaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Resilience scenario 5: many simulated terminals through one broadcast, 5% of them dropping off
 * the network in the middle of the audio download (they never report). The coverage report must
 * count exactly the plays the simulators confirmed. The normal suite runs 100 terminals; the
 * resilience run uses 1,000: -Dtocsin.resilience.terminals=1000.
 */
@QuarkusTest
class TerminalDropoutTest {

    private static final int TERMINALS = Integer.getInteger("tocsin.resilience.terminals", 100);

    @Inject
    TerminalService terminals;

    @Inject
    PlayService plays;

    @Inject
    CoverageService coverage;

    @Inject
    Clock clock;

    @TestHTTPResource("/")
    URL root;

    @Test
    void coverageMatchesWhatTheSimulatorsPlayedWhenFivePercentDropMidDownload() throws Exception {
        String[] area = TerminalFixtures.areas(clock);
        String prefix = "RS5-" + area[1] + "-";
        List<String> tokens = QuarkusTransaction.requiringNew()
                .call(() -> IntStream.range(0, TERMINALS)
                        .mapToObj(i -> terminals
                                .register(
                                        "resilience",
                                        prefix + i,
                                        new TerminalService.Settings(
                                                "Dropout " + i, area[1], null, "Asia/Shanghai", 80, true, false))
                                .token())
                        .toList());
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> Terminal.<Terminal>list("code like ?1", prefix + "%").stream()
                        .map(t -> t.id)
                        .toList());
        String ref = "occ-dropout-" + area[1];
        Instant now = clock.instant();
        String key = TerminalFixtures.audioKey();
        QuarkusTransaction.requiringNew()
                .run(() -> plays.schedule(
                        new PlayService.PlayRequest(
                                ref, key, PlayPriority.WARNING, now.minusSeconds(1), now.plus(Duration.ofMinutes(30))),
                        ids.stream()));

        Random dice = new Random(5);
        Set<Integer> droppers = new java.util.TreeSet<>();
        while (droppers.size() < Math.max(1, TERMINALS / 20)) {
            droppers.add(dice.nextInt(TERMINALS));
        }
        String base = root.toString().replaceAll("/$", "");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<Integer> played = ConcurrentHashMap.newKeySet();
        Set<Integer> dropped = ConcurrentHashMap.newKeySet();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < TERMINALS; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                try {
                    TerminalSimulator sim = new TerminalSimulator(base, tokens.get(n), 1000, http);
                    sim.heartbeat();
                    if (droppers.contains(n)) {
                        sim.poll(Duration.ZERO);
                        long playId = sim.queuedPlayIds().get(0);
                        if (partialDownload(http, base, tokens.get(n), sim, playId)) {
                            dropped.add(n);
                        }
                        sim.faults.offline = true;
                    } else if (sim.cycle(Duration.ZERO) > 0
                            && sim.log().stream().anyMatch(l -> l.startsWith("completed") && l.contains("-> 2"))) {
                        played.add(n);
                    } else {
                        errors.add("terminal " + n + ": " + sim.log());
                    }
                } catch (Exception e) {
                    errors.add("terminal " + n + ": " + e);
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        CoverageService.AreaCoverage total = coverage.coverage(ref).total();
        System.out.printf(
                "RESULT terminal-dropout: terminals=%d played=%d dropped-mid-download=%d errors=%d coverage: targeted=%d completed=%d failed=%d pending=%d missed=%d suspicious=%d%n",
                TERMINALS,
                played.size(),
                dropped.size(),
                errors.size(),
                total.targeted(),
                total.completed(),
                total.failed(),
                total.pending(),
                total.missedOffline() + total.missedOnline(),
                total.suspicious());
        assertThat(errors).isEmpty();
        assertThat(dropped).hasSize(droppers.size());
        assertThat(total.targeted()).isEqualTo(TERMINALS);
        assertThat(total.completed())
                .as("completed = what the simulators played")
                .isEqualTo(played.size());
        assertThat(played.size() + dropped.size()).isEqualTo(TERMINALS);
        assertThat(total.failed() + total.suspicious()).isZero();
        assertThat(total.pending() + total.missedOffline() + total.missedOnline())
                .as("dropped terminals are not counted as played")
                .isEqualTo(dropped.size());
    }

    /** Reads the first kilobyte of the play's audio and hangs up, as a box losing its link would. */
    private static boolean partialDownload(
            HttpClient http, String base, String token, TerminalSimulator sim, long playId) throws Exception {
        String url = sim.item(playId).get("audio").get("url").asText();
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(URI.create(base + URI.create(url).getPath()))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            return r.statusCode() == 200 && in.readNBytes(1024).length == 1024;
        }
    }
}
