package dev.tocsin.sip;

import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.audio.AudioService;
import dev.tocsin.loudspeaker.CoverageService;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayPriority;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.paging.PagingProbes;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.testing.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A play for a SIP speaker, from the staff API to the call: the paging job places it through
 * the real SIP stack to a test user agent, and the outcome becomes the play's report, the
 * terminal's health and the coverage of the occurrence.
 */
@QuarkusTest
@Tag(Tags.H2_ONLY)
class SipPagingFlowTest {

    @Inject
    Clock clock;

    @Inject
    PlayService plays;

    @Inject
    AudioService audio;

    @Inject
    CoverageService coverage;

    @Inject
    PagingProbes probes;

    @Inject
    AdjustableClock adjustable;

    @Test
    void anAnsweredCallCompletesThePlayAndCountsInCoverage() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.ANSWER)) {
            String code = register(sip(uas.uri(), null, null));
            String ref = schedule(code);

            Play p = awaitEnd(ref);
            assertThat(p.state).as(p.stateReason).isEqualTo(PlayState.COMPLETED);
            assertThat(p.attempts).isEqualTo(1);
            assertThat(p.stateReason).startsWith("answered (200), played as PCMU, ");
            assertThat(uas.calls).hasSize(1);
            TestUas.CallRecord call = uas.calls.values().iterator().next();
            assertThat(call.acked).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> call.bye);
            int reported = Integer.parseInt(p.stateReason.replaceAll(".*, (\\d+) packets", "$1"));
            assertThat(call.sink.packets)
                    .as("RTP packets the speaker received: the programme and a silent tail")
                    .hasSize(reported + RtpSender.FLUSH_PACKETS);
            long durationMs = audio.find(p.audioKey).orElseThrow().durationMs();
            assertThat(reported)
                    .as("one 20 ms packet per 20 ms of the %d ms programme", durationMs)
                    .isCloseTo((int) Math.ceil(durationMs / 20.0), org.assertj.core.api.Assertions.within(1));

            CoverageService.Coverage c = coverage.coverage(ref);
            assertThat(c.total().targeted()).isEqualTo(1);
            assertThat(c.total().completed()).isEqualTo(1);
            JsonPath t = terminal(code);
            assertThat(t.getString("health")).isEqualTo("online");
            assertThat(t.getString("lastSeenAt")).isNotNull();
            assertThat(t.getString("lastError")).isNull();
        }
    }

    @Test
    void aBusySpeakerIsCalledAgainAndThenTheFailureIsShown() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.BUSY)) {
            String code = register(sip(uas.uri(), null, null));
            String ref = schedule(code);

            Play p = awaitEnd(ref);
            assertThat(p.state).isEqualTo(PlayState.FAILED);
            assertThat(p.attempts).as("tocsin.paging.attempts").isEqualTo(3);
            assertThat(p.stateReason).startsWith("busy (486)").endsWith("(after 3 calls)");
            assertThat(uas.calls).as("one call per attempt").hasSize(3);
            assertThat(uas.calls.values()).allSatisfy(c -> assertThat(c.sink).isNull());

            assertThat(coverage.coverage(ref).total().failed()).isEqualTo(1);
            JsonPath t = terminal(code);
            assertThat(t.getString("health")).isEqualTo("offline");
            assertThat(t.getString("lastError")).startsWith("busy (486)");
        }
    }

    @Test
    void theSealedPasswordAnswersTheSpeakersDigestChallenge() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.DIGEST, "horn9", "s3cret-horn")) {
            String code = register(sip(uas.uri(), "horn9", "s3cret-horn"));
            String ref = schedule(code);

            Play p = awaitEnd(ref);
            assertThat(p.state).as(p.stateReason).isEqualTo(PlayState.COMPLETED);
            assertThat(uas.calls.values().iterator().next().invites.get())
                    .as("challenged, then authenticated")
                    .isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordFailsAtOnceWithTheReason() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.DIGEST, "horn9", "s3cret-horn")) {
            String code = register(sip(uas.uri(), "horn9", "not-the-password"));
            String ref = schedule(code);

            Play p = awaitEnd(ref);
            assertThat(p.state).isEqualTo(PlayState.FAILED);
            assertThat(p.attempts).as("a refusal is not retried").isEqualTo(1);
            assertThat(p.stateReason).startsWith("call refused (40");
        }
    }

    @Test
    void anUrgentPlayStopsARoutineCallUnderWay() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.ANSWER)) {
            String code = register(sip(uas.uri(), null, null));
            String routine = schedule(code, PlayPriority.ROUTINE);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> uas.calls.values().stream().anyMatch(c -> c.acked));

            String urgent = schedule(code, PlayPriority.URGENT);

            Play stopped = awaitEnd(routine);
            assertThat(stopped.state).as(stopped.stateReason).isEqualTo(PlayState.SKIPPED);
            assertThat(stopped.stateReason).matches("preempted by play \\d+: stopped after \\d+ of \\d+ packets; .*");
            Play played = awaitEnd(urgent);
            assertThat(played.state).as(played.stateReason).isEqualTo(PlayState.COMPLETED);
            assertThat(stopped.stateReason).startsWith("preempted by play " + played.id + ":");
            assertThat(uas.calls).as("the routine call, then the urgent one").hasSize(2);
            assertThat(uas.calls.values()).allMatch(c -> c.bye, "both calls hung up with BYE");
            assertThat(terminal(code).getString("lastError")).isNull();
        }
    }

    @Test
    void aWithdrawnBroadcastStopsItsCallUnderWay() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.ANSWER)) {
            String code = register(sip(uas.uri(), null, null));
            String ref = schedule(code, PlayPriority.URGENT);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> uas.calls.values().stream().anyMatch(c -> c.acked));

            int cancelled = QuarkusTransaction.requiringNew().call(() -> plays.cancel(ref, "cancelled by staff"));
            assertThat(cancelled)
                    .as("the play had started: nothing pending to cancel")
                    .isZero();

            Play p = awaitEnd(ref);
            assertThat(p.state).as(p.stateReason).isEqualTo(PlayState.SKIPPED);
            assertThat(p.stateReason).startsWith("withdrawn: the broadcast was cancelled: stopped after ");
            assertThat(p.withdrawnAt).isNotNull();
            TestUas.CallRecord call = uas.calls.values().iterator().next();
            await().atMost(Duration.ofSeconds(5)).until(() -> call.bye);
            long durationMs = audio.find(p.audioKey).orElseThrow().durationMs();
            assertThat(call.sink.packets.size())
                    .as("cut short, not the whole %d ms programme", durationMs)
                    .isLessThan((int) (durationMs / 20) / 2);
        }
    }

    @Test
    void healthProbesFindASilentSpeakerBeforeAnAlertNeedsIt() throws Exception {
        int port;
        try (TestUas gone = new TestUas(TestUas.Scenario.ANSWER)) {
            port = gone.port();
        }
        try (TestUas live = new TestUas(TestUas.Scenario.ANSWER);
                TestUas busy = new TestUas(TestUas.Scenario.BUSY)) {
            String up = register(sip(live.uri(), null, null));
            String down = register(sip("sip:speaker@127.0.0.1:" + port, null, null));
            String failing = register(sip(busy.uri(), null, null));
            Play failed = awaitEnd(schedule(failing));
            assertThat(failed.state).isEqualTo(PlayState.FAILED);
            int busyCalls = busy.calls.size();

            assertThat(probes.probeDue()).as("every SIP speaker not probed yet").isGreaterThanOrEqualTo(3);

            assertThat(live.requestLines).as("asked, not rung").containsExactly("OPTIONS " + live.uri());
            JsonPath ok = terminal(up);
            assertThat(ok.getString("health")).isEqualTo("online");
            assertThat(ok.getString("lastSeenAt")).isNotNull();
            JsonPath dead = terminal(down);
            assertThat(dead.getString("health")).isEqualTo("offline");
            assertThat(dead.getString("lastError")).startsWith("no answer to SIP OPTIONS: ");
            assertThat(terminal(failing).getString("lastError"))
                    .as("a failed call's error stays: answering OPTIONS is not playing a programme")
                    .startsWith("busy (486)");
            assertThat(busy.calls.size() - busyCalls)
                    .as("the probe's own exchange only")
                    .isEqualTo(1);

            assertThat(probes.probeDue())
                    .as("none due again within probe-every")
                    .isZero();
            assertThat(live.requestLines).hasSize(1);

            try (TestUas back = new TestUas(TestUas.Scenario.ANSWER, null, null, port)) {
                adjustable.advance(Duration.ofMinutes(6));
                assertThat(probes.probeDue()).isGreaterThanOrEqualTo(3);
                JsonPath again = terminal(down);
                assertThat(again.getString("health")).isEqualTo("online");
                assertThat(again.getString("lastError")).isNull();
                assertThat(back.requestLines).containsExactly("OPTIONS sip:speaker@127.0.0.1:" + port);
            } finally {
                adjustable.reset();
            }
        }
    }

    private static Map<String, Object> sip(String uri, String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("kind", "sip");
        p.put("uri", uri);
        p.put("username", user);
        p.put("password", password);
        return p;
    }

    /** A village of its own with one SIP speaker; returns the terminal's code. */
    private static String register(Map<String, Object> paging) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String area = String.format("8%011d", Math.abs((long) run.hashCode()) % 100_000_000_000L);
        admin().contentType(ContentType.JSON)
                .body(Map.of("code", area, "name", "SIP village " + run, "kind", "village"))
                .post("/api/areas")
                .then()
                .statusCode(201);
        String code = "SIP-" + run;
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "IP speaker " + run);
        body.put("area", area);
        body.put("zone", "Asia/Shanghai");
        body.put("volumePreset", 80);
        body.put("paging", paging);
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/terminals")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        return code;
    }

    private String schedule(String code) {
        return schedule(code, PlayPriority.URGENT);
    }

    private String schedule(String code, PlayPriority priority) {
        String key = admin().contentType(ContentType.JSON)
                .body(Map.of(
                        "script", "Road works at the bridge tomorrow morning.", "profile", "en", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(200)
                .extract()
                .path("key");
        long id = QuarkusTransaction.requiringNew()
                .call(() -> Terminal.findByCode(code).orElseThrow().id);
        String ref = "occ-sip-" + UUID.randomUUID();
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew()
                .run(() -> plays.schedule(
                        new PlayService.PlayRequest(
                                ref, key, priority, now.minusSeconds(5), now.plus(Duration.ofMinutes(10))),
                        Stream.of(id)));
        return ref;
    }

    private static Play awaitEnd(String ref) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> QuarkusTransaction.requiringNew().call(() -> {
                            List<Play> found = Play.list("occurrenceRef", ref);
                            return found.isEmpty() ? null : found.get(0);
                        }),
                        p -> p != null && p.state.isFinal());
    }

    private static JsonPath terminal(String code) {
        return admin().get("/api/terminals/" + code)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
