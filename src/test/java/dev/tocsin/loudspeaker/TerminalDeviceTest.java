package dev.tocsin.loudspeaker;

import static dev.tocsin.loudspeaker.TerminalFixtures.areas;
import static dev.tocsin.loudspeaker.TerminalFixtures.audioKey;
import static dev.tocsin.loudspeaker.TerminalFixtures.code;
import static dev.tocsin.loudspeaker.TerminalFixtures.register;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.platform.AdjustableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TerminalDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PlayService plays;

    @Inject
    CoverageService coverage;

    @Inject
    TerminalHealthJob healthJob;

    @Inject
    AdjustableClock testClock;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void resetClock() {
        testClock.reset();
    }

    private String base() {
        String s = root.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private TerminalSimulator simulator(String area) throws Exception {
        String code = code("T7");
        TerminalSimulator sim = new TerminalSimulator(base(), register(code, area), 50);
        sim.heartbeat();
        return sim;
    }

    private String schedule(PlayPriority priority, Instant from, Instant to, String... terminalCodes) {
        String ref = "occ-" + UUID.randomUUID();
        List<Long> ids = java.util.Arrays.stream(terminalCodes)
                .map(TerminalFixtures::terminalId)
                .toList();
        String key = audioKey();
        QuarkusTransaction.requiringNew()
                .run(() -> plays.schedule(new PlayService.PlayRequest(ref, key, priority, from, to), ids.stream()));
        return ref;
    }

    private String codeOf(TerminalSimulator sim) throws Exception {
        sim.poll(Duration.ZERO);
        return sim.queue().get("terminal").asText();
    }

    private long only(TerminalSimulator sim) throws Exception {
        sim.poll(Duration.ZERO);
        assertThat(sim.queuedPlayIds()).hasSize(1);
        return sim.queuedPlayIds().get(0);
    }

    @Test
    void routinePlaysAreDownloadedWithResumePlayedReportedOnceAndCountedPerArea() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator a1 = simulator(area[1]);
        TerminalSimulator a2 = simulator(area[1]);
        TerminalSimulator b1 = simulator(area[2]);
        Instant now = clock.instant();
        String ref = schedule(
                PlayPriority.ROUTINE,
                now.minusSeconds(5),
                now.plus(Duration.ofMinutes(30)),
                codeOf(a1),
                codeOf(a2),
                codeOf(b1));

        a1.faults.cutDownloadAfter = 1000;
        assertThat(a1.cycle(Duration.ZERO)).isPositive();
        assertThat(a1.resumedDownloads()).isEqualTo(1);
        assertThat(a1.log()).anyMatch(l -> l.startsWith("download cut at 1000"));

        a2.faults.reportTwice = true;
        long p2 = a2.cycle(Duration.ZERO);
        HttpResponse<String> again = a2.report(p2, "completed", null);
        assertThat(JSON.readTree(again.body()).at("/results/0/outcome").asText())
                .isEqualTo("duplicate");

        long p3 = only(b1);
        b1.start(p3);
        b1.report(p3, "failed", "amplifier fault");

        a1.poll(Duration.ZERO);
        assertThat(a1.queuedPlayIds()).as("a completed play leaves the queue").isEmpty();

        CoverageService.Coverage c = coverage.coverage(ref);
        assertThat(c.total().targeted()).isEqualTo(3);
        assertThat(c.total().completed()).isEqualTo(2);
        assertThat(c.total().failed()).isEqualTo(1);
        assertThat(c.total().coverage()).isEqualTo(0.667);
        assertThat(c.areas()).extracting(CoverageService.AreaCoverage::area).containsExactly(area[1], area[2]);
        assertThat(c.areas().get(0).coverage()).isEqualTo(1.0);
        assertThat(c.areas().get(1).failed()).isEqualTo(1);

        admin().get("/api/terminals/coverage?occurrence=" + ref)
                .then()
                .statusCode(200)
                .body("total.completed", org.hamcrest.Matchers.equalTo(2));
        admin().get("/api/terminals/coverage?occurrence=" + ref + "-typo")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(ref + "-typo"));
    }

    @Test
    void anUrgentPlaySupersedesAStartedRoutineOneAndTheSimulatorSwitches() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator sim = simulator(area[1]);
        Instant now = clock.instant();
        String code = codeOf(sim);
        String routineRef = schedule(PlayPriority.ROUTINE, now.minusSeconds(5), now.plus(Duration.ofMinutes(30)), code);
        long routine = only(sim);
        sim.start(routine);

        String urgentRef = schedule(PlayPriority.URGENT, now.minusSeconds(1), now.plus(Duration.ofMinutes(10)), code);
        sim.poll(Duration.ZERO);
        JsonNode q = sim.queue();
        long urgent = q.at("/plays/0/playId").asLong();
        assertThat(q.at("/plays/0/priority").asText()).isEqualTo("urgent");
        assertThat(q.at("/plays/0/supersedes/0").asLong()).isEqualTo(routine);
        assertThat(q.at("/preempt/stop").asLong()).isEqualTo(routine);
        assertThat(q.at("/preempt/play").asLong()).isEqualTo(urgent);

        assertThat(sim.cycle(Duration.ZERO)).isEqualTo(urgent);
        assertThat(plays.counts(routineRef)).containsEntry(PlayState.SKIPPED, 1L);
        assertThat(plays.counts(urgentRef)).containsEntry(PlayState.COMPLETED, 1L);
    }

    @Test
    void aWaitingLongPollIsAnsweredWhenAPlayIsScheduledAndUnchangedQueuesAnswer304() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator sim = simulator(area[1]);
        String code = codeOf(sim);
        assertThat(sim.poll(Duration.ZERO))
                .as("If-None-Match with the same version")
                .isEqualTo(304);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return sim.poll(Duration.ofSeconds(60));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(waiting).as("the poll is held while nothing changes").isNotDone();
        Instant now = clock.instant();
        schedule(PlayPriority.URGENT, now, now.plus(Duration.ofMinutes(5)), code);

        assertThat(waiting.get()).isEqualTo(200);
        assertThat(sim.queue().at("/plays/0/priority").asText()).isEqualTo("urgent");
    }

    @Test
    void aLongPollOutlastingTheRecheckEndsIn304AndAReportChangesTheQueueAtOnce() throws Exception {
        TerminalSimulator sim = simulator(areas(clock)[1]);
        String code = codeOf(sim);
        // Longer than tocsin.loudspeaker.recheck-interval (2s): the poll re-reads, then answers 304.
        assertThat(sim.poll(Duration.ofSeconds(5))).isEqualTo(304);

        Instant now = clock.instant();
        schedule(PlayPriority.ROUTINE, now, now.plus(Duration.ofMinutes(30)), code);
        long id = only(sim);
        assertThat(sim.queue().at("/plays/0/state").asText()).isEqualTo("pending");
        assertThat(sim.report(id, "started", null).statusCode()).isEqualTo(200);
        assertThat(sim.poll(Duration.ZERO))
                .as("the report changed the queue version")
                .isEqualTo(200);
        assertThat(sim.queue().at("/plays/0/state").asText()).isEqualTo("started");

        // A poll is a sign of life even when answered from memory; staff views see it.
        testClock.advance(Duration.ofMinutes(2));
        assertThat(sim.poll(Duration.ZERO)).isEqualTo(304);
        String seen = admin().get("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .extract()
                .path("lastSeenAt");
        assertThat(Duration.between(now, Instant.parse(seen)).toSeconds()).isGreaterThanOrEqualTo(110);
    }

    @Test
    void cancelledBroadcastsDisappearFromQueues() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator sim = simulator(area[1]);
        Instant now = clock.instant();
        String ref = schedule(
                PlayPriority.WARNING, now.plus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(30)), codeOf(sim));
        assertThat(only(sim)).isPositive();
        assertThat(sim.queue().at("/plays/0/windowOpen").asBoolean()).isFalse();

        QuarkusTransaction.requiringNew().run(() -> plays.cancel(ref, "withdrawn by approver"));
        sim.poll(Duration.ZERO);
        assertThat(sim.queuedPlayIds()).isEmpty();
        assertThat(coverage.coverage(ref).total().cancelled()).isEqualTo(1);
    }

    @Test
    void playsPastTheirWindowAreNeverPlayedLateAndMissesAreSplitByOfflineOrOnline() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator online = simulator(area[1]);
        TerminalSimulator offline = simulator(area[2]);
        Instant now = clock.instant();
        String ref = schedule(
                PlayPriority.ROUTINE,
                now.minusSeconds(60),
                now.plus(Duration.ofSeconds(30)),
                codeOf(online),
                codeOf(offline));
        long late = only(online);

        testClock.advance(Duration.ofMinutes(4));
        online.heartbeat();
        online.poll(Duration.ZERO);
        assertThat(online.queuedPlayIds())
                .as("a closed window leaves the queue")
                .isEmpty();
        HttpResponse<String> r = online.report(late, "started", null);
        assertThat(JSON.readTree(r.body()).at("/results/0/outcome").asText()).isEqualTo("window-closed");

        QuarkusTransaction.requiringNew().run(plays::expire);
        CoverageService.Coverage c = coverage.coverage(ref);
        assertThat(c.total().missedOnline()).isEqualTo(1);
        assertThat(c.total().missedOffline()).isEqualTo(1);
        assertThat(c.total().completed()).isZero();
        assertThat(c.total().coverage()).isZero();
    }

    @Test
    void aTerminalSilentLongerThanTheLimitIsOfflineAndAlertsOnceDuringAnUrgentPlay() throws Exception {
        String[] area = areas(clock);
        TerminalSimulator quiet = simulator(area[1]);
        TerminalSimulator alive = simulator(area[2]);
        String quietCode = codeOf(quiet);
        Instant now = clock.instant();
        schedule(PlayPriority.URGENT, now, now.plus(Duration.ofMinutes(30)), quietCode);
        double before =
                registry.counter("tocsin.terminals.offline.urgent.alerts").count();

        quiet.faults.offline = true;
        assertThatThrownBy(quiet::heartbeat).isInstanceOf(IOException.class);
        testClock.advance(Duration.ofMinutes(4));
        alive.heartbeat();

        admin().get("/api/terminals?area=" + area[0] + "&health=offline")
                .then()
                .statusCode(200)
                .body("code", org.hamcrest.Matchers.contains(quietCode));
        admin().get("/api/terminals/health?area=" + area[0])
                .then()
                .statusCode(200)
                .body("find { it.area == '" + area[1] + "' }.offline", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.area == '" + area[2] + "' }.online", org.hamcrest.Matchers.equalTo(1));

        List<String> alerted = healthJob.check();
        assertThat(alerted).contains(quietCode).doesNotContain(codeOf(alive));
        assertThat(healthJob.check()).as("one alert per outage").doesNotContain(quietCode);
        assertThat(registry.counter("tocsin.terminals.offline.urgent.alerts").count())
                .isEqualTo(before + alerted.size());
        assertThat(registry.get("tocsin.terminals.offline.during.urgent")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);

        quiet.faults.offline = false;
        quiet.heartbeat();
        admin().get("/api/terminals/" + quietCode)
                .then()
                .statusCode(200)
                .body("health", org.hamcrest.Matchers.equalTo("online"));
    }

    @Test
    void wrongOrRevokedTokensGet401AndAnotherTerminalsPlayGets403() throws Exception {
        String[] area = areas(clock);
        String code = code("T7");
        String token = register(code, area[1]);
        TerminalSimulator mine = new TerminalSimulator(base(), token, 50);
        TerminalSimulator other = simulator(area[1]);
        TerminalSimulator forger = new TerminalSimulator(base(), "not-a-token", 50);
        assertThat(forger.poll(Duration.ZERO)).isEqualTo(401);
        HttpResponse<String> none = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/terminal/v1/queue"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        Instant now = clock.instant();
        schedule(PlayPriority.ROUTINE, now, now.plus(Duration.ofMinutes(30)), codeOf(other));
        long othersPlay = only(other);
        HttpResponse<String> forged = mine.report(othersPlay, "completed", null);
        HttpResponse<String> unknown = mine.report(othersPlay + 1_000_000, "completed", null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forged.body()).get("title"))
                .isEqualTo(JSON.readTree(unknown.body()).get("title"));

        String rotated = admin().post("/api/terminals/" + code + "/rotate-token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        assertThat(mine.poll(Duration.ZERO)).as("the old token stops working").isEqualTo(401);
        TerminalSimulator renewed = new TerminalSimulator(base(), rotated, 50);
        assertThat(renewed.poll(Duration.ZERO)).isEqualTo(200);
        admin().post("/api/terminals/" + code + "/revoke")
                .then()
                .statusCode(200)
                .body("revoked", org.hamcrest.Matchers.equalTo(true));
        assertThat(renewed.poll(Duration.ZERO)).isEqualTo(401);
        assertThat(renewed.heartbeat()).isEqualTo(401);
    }

    @Test
    void malformedReportsAre400NamingTheField() throws Exception {
        TerminalSimulator sim = simulator(areas(clock)[1]);
        assertField(sim.reportRaw("{\"playId\":1}"), "status");
        assertField(sim.reportRaw("{\"playId\":1,\"status\":\"exploded\"}"), "status");
        assertField(
                sim.reportRaw(
                        "[{\"playId\":1,\"status\":\"started\"},{\"playId\":2,\"status\":\"completed\",\"at\":\"yesterday\"}]"),
                "[1].at");
        assertField(sim.reportRaw("{\"playId\":\"x\",\"status\":\"started\"}"), "playId");
        assertField(sim.reportRaw("{\"playId\":1,\"status\":\"started\",\"volume\":3}"), "volume");
        assertField(
                sim.reportRaw("[{\"playId\":1,\"status\":\"skipped\",\"reason\":\"" + "x".repeat(501) + "\"}]"),
                "[0].reason");
        assertField(
                sim.reportRaw("[{\"playId\":1,\"status\":\"started\"},{\"playId\":0,\"status\":\"started\"}]"),
                "[1].playId");
        assertField(sim.reportRaw("[]"), "reports");
    }

    @Test
    void malformedHeartbeatsAre400NamingTheFieldAndAGoodOneStillWorks() throws Exception {
        TerminalSimulator sim = simulator(areas(clock)[1]);
        assertField(sim.heartbeatRaw("{\"volume\":120}"), "volume");
        assertField(sim.heartbeatRaw("{\"volume\":80,\"freeStorageBytes\":-1}"), "freeStorageBytes");
        assertField(sim.heartbeatRaw("{\"terminalTime\":\"soon\"}"), "terminalTime");
        assertField(sim.heartbeatRaw("{\"amplifierOk\":true,\"fan\":\"on\"}"), "fan");
        assertField(sim.heartbeatRaw("{\"clockOffsetMs\":" + Long.MAX_VALUE + "}"), "clockOffsetMs");
        assertField(sim.heartbeatRaw("[]"), "volume");
        HttpResponse<String> ok = sim.heartbeatRaw("{\"volume\":55,\"amplifierOk\":false,\"lastError\":\""
                + "e".repeat(600) + "\",\"clockOffsetMs\":-1500}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String code = codeOf(sim);
        admin().get("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("reportedVolume", org.hamcrest.Matchers.equalTo(55))
                .body("clockOffsetMs", org.hamcrest.Matchers.equalTo(-1500))
                .body("lastError.length()", org.hamcrest.Matchers.equalTo(500));
    }

    private static void assertField(HttpResponse<String> r, String field) throws IOException {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"" + field + "\"");
    }

    @Test
    void aTerminalClockTenMinutesOffIsRecordedWhileServerTimeDecidesTheWindow() throws Exception {
        TerminalSimulator sim = simulator(areas(clock)[1]);
        sim.faults.clockSkew = Duration.ofMinutes(10);
        sim.heartbeat();
        Instant now = clock.instant();
        String code = codeOf(sim);
        String ref = schedule(PlayPriority.WARNING, now.minusSeconds(30), now.plus(Duration.ofMinutes(5)), code);
        long id = only(sim);
        sim.playThrough(id);

        assertThat(coverage.coverage(ref).total().completed()).isEqualTo(1);
        Play p = QuarkusTransaction.requiringNew().call(() -> Play.<Play>findById(id));
        assertThat(Duration.between(p.reportedAt, p.terminalReportedAt).toSeconds())
                .isBetween(595L, 605L);
        admin().get("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .body("clockOffsetMs", org.hamcrest.Matchers.greaterThan(590_000));
    }

    @Test
    void aCompletionForAPlayNeverDeliveredIsSuspiciousAndNotCoverage() throws Exception {
        TerminalSimulator sim = simulator(areas(clock)[1]);
        Instant now = clock.instant();
        String code = codeOf(sim);
        String ref = schedule(PlayPriority.ROUTINE, now, now.plus(Duration.ofMinutes(5)), code);
        long id = QuarkusTransaction.requiringNew()
                .call(() -> Play.<Play>find("occurrenceRef", ref).firstResult().id);
        HttpResponse<String> r = sim.report(id, "completed", null);
        assertThat(JSON.readTree(r.body()).at("/results/0/outcome").asText()).isEqualTo("suspicious");
        CoverageService.Coverage c = coverage.coverage(ref);
        assertThat(c.total().completed()).isZero();
        assertThat(c.total().suspicious()).isEqualTo(1);
    }
}
