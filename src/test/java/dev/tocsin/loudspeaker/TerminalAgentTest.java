package dev.tocsin.loudspeaker;

import static dev.tocsin.loudspeaker.TerminalFixtures.areas;
import static dev.tocsin.loudspeaker.TerminalFixtures.code;
import static dev.tocsin.loudspeaker.TerminalFixtures.register;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.agent.Agent;
import dev.tocsin.agent.AgentConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal agent (dev.tocsin.agent) against the running service over real HTTP, with the
 * sound card replaced by its WAV file sink: what it "played", preemption, a network cut.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class TerminalAgentTest {

    @Inject
    PlayService plays;

    @Inject
    Clock clock;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path dir;

    private static String longKey;

    private Agent agent(String token, int port, Path state) throws IOException {
        return agent(token, port, state, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    private Agent agent(String token, int port, Path state, Clock agentClock, Agent.Sleeper sleeper)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_AGENT_URL", "http://localhost:" + port);
        env.put("TOCSIN_AGENT_TOKEN", token);
        env.put("TOCSIN_AGENT_AUDIO_DEVICE", "file:" + dir.resolve("played"));
        env.put("TOCSIN_AGENT_STATE_DIR", state.toString());
        env.put("TOCSIN_AGENT_POLL_WAIT", "30");
        env.put("TOCSIN_AGENT_POWER_ON", "echo on >> " + dir.resolve("power.log"));
        env.put("TOCSIN_AGENT_POWER_OFF", "echo off >> " + dir.resolve("power.log"));
        env.put("TOCSIN_AGENT_POWER_WARMUP_MS", "100");
        return new Agent(AgentConfig.fromEnv(env), agentClock, sleeper).start();
    }

    private long schedule(String terminalCode, String key, PlayPriority priority, Instant from, Instant to) {
        String ref = "occ-agent-" + UUID.randomUUID();
        long terminalId = TerminalFixtures.terminalId(terminalCode);
        QuarkusTransaction.requiringNew()
                .run(() -> plays.schedule(
                        new PlayService.PlayRequest(ref, key, priority, from, to),
                        java.util.stream.Stream.of(terminalId)));
        return QuarkusTransaction.requiringNew()
                .call(() -> Play.<Play>find("occurrenceRef", ref).firstResult().id);
    }

    private static Play play(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Play.<Play>findById(id));
    }

    /** Registers a terminal in the village; returns its code, and its token in {@code token[0]}. */
    private String registerAndCode(String[] area, String[] token) throws Exception {
        token[0] = register(code("AG"), area[1]);
        TerminalSimulator sim = new TerminalSimulator(root.toString().replaceAll("/$", ""), token[0], 1);
        sim.poll(Duration.ZERO);
        return sim.queue().path("terminal").asText();
    }

    /** The programme MP3 as the staff audio API serves it. */
    private Path mp3(String key) throws IOException {
        Path f = dir.resolve(key + ".mp3");
        if (!Files.exists(f)) {
            Files.write(
                    f,
                    admin().get("/api/audio/" + key + ".mp3")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asByteArray());
        }
        return f;
    }

    /** A programme of about ten seconds, long enough to be interrupted. */
    private static synchronized String longProgramme() {
        if (longKey == null) {
            longKey = admin().contentType(ContentType.JSON)
                    .body(Map.of(
                            "script",
                            "The bridge on the east road is closed for repairs from tomorrow morning. "
                                    + "Please use the west road and drive slowly near the school. "
                                    + "The market moves to the square by the river until the work is done.",
                            "profile",
                            "en",
                            "severity",
                            "routine"))
                    .post("/api/audio/preview")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("key");
        }
        return longKey;
    }

    @Test
    void playedAudioIsTheProgrammeInDurationAndLoudnessAndIsReportedWithAmplifierSwitched() throws Exception {
        assumeTrue(ffmpegPresent(), "ffmpeg not installed");
        String[] token = new String[1];
        String code = registerAndCode(areas(clock), token);
        String key = TerminalFixtures.audioKey();
        Instant now = clock.instant();
        long id = schedule(code, key, PlayPriority.ROUTINE, now.minusSeconds(5), now.plus(Duration.ofMinutes(10)));

        try (Agent agent = agent(token[0], root.getPort(), dir.resolve("state"))) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> play(id).state == PlayState.COMPLETED);
            await().atMost(10, TimeUnit.SECONDS).until(() -> agent.pendingReports() == 0);
        }
        Play p = play(id);
        assertThat(p.terminalReportedAt).isAfter(now);

        Path wav = dir.resolve("played/play-" + id + ".wav");
        Path mp3 = mp3(key);
        long programmeMs = programmeDurationMs(mp3);
        assertThat(wavDurationMs(wav)).as("played duration vs programme").isCloseTo(programmeMs, within(50L));
        assertThat(loudness(wav)).as("played loudness vs programme").isCloseTo(loudness(mp3), within(0.5));
        assertThat(Files.readAllLines(dir.resolve("power.log"))).containsExactly("on", "off");
    }

    @Test
    void urgentPlayInterruptsARoutineOneWhichIsReportedSkipped() throws Exception {
        String[] token = new String[1];
        String code = registerAndCode(areas(clock), token);
        String key = longProgramme();
        Instant now = clock.instant();
        long routine = schedule(code, key, PlayPriority.ROUTINE, now.minusSeconds(5), now.plus(Duration.ofMinutes(10)));

        try (Agent agent = agent(token[0], root.getPort(), dir.resolve("state"))) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> play(routine).state == PlayState.STARTED);
            Instant t = clock.instant();
            long urgent = schedule(
                    code,
                    TerminalFixtures.audioKey(),
                    PlayPriority.URGENT,
                    t.minusSeconds(1),
                    t.plus(Duration.ofMinutes(10)));
            await().atMost(60, TimeUnit.SECONDS).until(() -> play(urgent).state == PlayState.COMPLETED);

            Play r = play(routine);
            assertThat(r.state).isEqualTo(PlayState.SKIPPED);
            assertThat(r.stateReason).isEqualTo("preempted by play " + urgent);
            long programmeMs = programmeDurationMs(mp3(key));
            assertThat(wavDurationMs(dir.resolve("played/play-" + routine + ".wav")))
                    .as("the routine play stopped early")
                    .isLessThan(programmeMs - 1000);
            assertThat(play(urgent).terminalReportedAt).isAfterOrEqualTo(r.terminalReportedAt);
        }
    }

    @Test
    void networkCutAndRestartLoseNoReportAndTheHeldPlayStillPlays() throws Exception {
        String[] token = new String[1];
        String code = registerAndCode(areas(clock), token);
        String key = TerminalFixtures.audioKey();
        Path state = dir.resolve("state");
        Instant now = clock.instant();
        // The window opens after the cut: the box must play from its cache, offline.
        long id = schedule(code, key, PlayPriority.WARNING, now.plusSeconds(6), now.plus(Duration.ofMinutes(10)));

        try (NetworkCut net = new NetworkCut(root.getPort())) {
            Agent agent = agent(token[0], net.port(), state);
            try {
                await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(state.resolve("audio/" + key + ".mp3")));
                net.cut();
                await().atMost(60, TimeUnit.SECONDS).until(() -> agent.pendingReports() == 2);
            } finally {
                agent.close();
            }
            assertThat(play(id).state).as("the server has heard nothing yet").isEqualTo(PlayState.PENDING);

            // A restart while still offline keeps the reports and does not play it again.
            Path wav = dir.resolve("played/play-" + id + ".wav");
            long playedBytes = Files.size(wav);
            Files.delete(wav);
            try (Agent restarted = agent(token[0], net.port(), state)) {
                assertThat(restarted.pendingReports()).isEqualTo(2);
                Thread.sleep(1500);
                assertThat(wav).doesNotExist();

                net.restore();
                await().atMost(90, TimeUnit.SECONDS).until(() -> play(id).state == PlayState.COMPLETED);
                await().atMost(10, TimeUnit.SECONDS).until(() -> restarted.pendingReports() == 0);
            }
            assertThat(playedBytes).isGreaterThan(44);
        }
        Play p = play(id);
        assertThat(p.suspicious).isFalse();
        assertThat(p.terminalReportedAt)
                .as("the terminal's own time of completion")
                .isBefore(p.reportedAt);
    }

    /**
     * Simulated waiting: a retry's back-off passes at once (2 ms of real time) and moves the
     * agent's clock forward instead; each thread's simulated waiting is counted.
     */
    private static final class SimulatedTime extends Clock implements Agent.Sleeper {
        private final AtomicLong ahead = new AtomicLong();
        private final Map<String, AtomicLong> waited = new ConcurrentHashMap<>();

        @Override
        public void sleep(Duration d) throws InterruptedException {
            ahead.addAndGet(d.toMillis());
            waited.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicLong())
                    .addAndGet(d.toMillis());
            Thread.sleep(2);
        }

        Duration waited(String thread) {
            return Duration.ofMillis(
                    waited.getOrDefault(thread, new AtomicLong()).get());
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(ahead.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void anHourLongCutInSimulatedTimeLosesNoReportAndItGoesOutWithinAMinuteOfTheReturn() throws Exception {
        String[] token = new String[1];
        String code = registerAndCode(areas(clock), token);
        Instant now = clock.instant();
        long id = schedule(
                code, longProgramme(), PlayPriority.ROUTINE, now.minusSeconds(5), now.plus(Duration.ofHours(3)));
        SimulatedTime time = new SimulatedTime();

        try (NetworkCut net = new NetworkCut(root.getPort());
                Agent agent = agent(token[0], net.port(), dir.resolve("state"), time, time)) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> play(id).state == PlayState.STARTED);
            net.cut();
            // The play ends offline (its WAV gets its final header); then an hour of retries passes.
            Path wav = dir.resolve("played/play-" + id + ".wav");
            await().atMost(60, TimeUnit.SECONDS).until(() -> wavFinished(wav));
            Duration cutAt = time.waited("agent-report");
            await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> time.waited("agent-report").minus(cutAt).compareTo(Duration.ofHours(1)) >= 0);
            assertThat(agent.pendingReports())
                    .as("completed, and perhaps the started cut mid-answer")
                    .isBetween(1, 2);
            assertThat(play(id).state).isEqualTo(PlayState.STARTED);

            Duration before = time.waited("agent-report");
            net.restore();
            await().atMost(30, TimeUnit.SECONDS).until(() -> agent.pendingReports() == 0);
            assertThat(time.waited("agent-report").minus(before))
                    .as("simulated wait between the network's return and delivery")
                    .isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
        assertThat(play(id).state).isEqualTo(PlayState.COMPLETED);
    }

    // --- measuring -------------------------------------------------------------------------------

    /** The file sink writes the data length into the header when the play ends. */
    private static boolean wavFinished(Path wav) throws IOException {
        if (!Files.exists(wav) || Files.size(wav) < 44) {
            return false;
        }
        byte[] h = Files.readAllBytes(wav);
        long data = (h[40] & 0xff) | (h[41] & 0xff) << 8 | (h[42] & 0xff) << 16 | (long) (h[43] & 0xff) << 24;
        return data > 0 && data == h.length - 44;
    }

    private static long wavDurationMs(Path wav) throws IOException {
        byte[] h = Files.readAllBytes(wav);
        int rate = (h[24] & 0xff) | (h[25] & 0xff) << 8 | (h[26] & 0xff) << 16 | (h[27] & 0xff) << 24;
        int blockAlign = (h[32] & 0xff) | (h[33] & 0xff) << 8;
        return (h.length - 44) * 1000L / ((long) rate * blockAlign);
    }

    /** The programme's duration as ffmpeg decodes it (an independent decoder). */
    private static long programmeDurationMs(Path mp3) throws Exception {
        Path wav = Files.createTempFile("programme", ".wav");
        try {
            run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", mp3.toString(), wav.toString());
            return wavDurationMs(wav);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static double loudness(Path audio) throws Exception {
        String out =
                run("ffmpeg", "-nostats", "-hide_banner", "-i", audio.toString(), "-af", "ebur128", "-f", "null", "-");
        String summary = out.substring(out.lastIndexOf("Summary:"));
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String run(String... command) throws Exception {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean ffmpegPresent() {
        try {
            return new ProcessBuilder("ffmpeg", "-version")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
