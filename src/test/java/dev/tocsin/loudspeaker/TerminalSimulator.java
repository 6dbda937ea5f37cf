package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reference loudspeaker terminal speaking the device API (docs/TERMINALS.md): heartbeats,
 * long-polls its queue, downloads programmes with Range resume, "plays" them in accelerated
 * time, obeys preemption and reports. Faults: drop off-line, clock skew, cut downloads, report
 * twice. Tests drive it step by step; {@link #main} runs N of them against a live server:
 * {@code java -cp target/test-classes:$(cat cp.txt) dev.tocsin.loudspeaker.TerminalSimulator URL TOKEN...}
 */
public class TerminalSimulator {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** Fault knobs; change them between steps. */
    public static final class Faults {
        /** While true the terminal sends nothing (network down). */
        public volatile boolean offline;
        /** Added to the terminal's clock in reports and heartbeats. */
        public volatile Duration clockSkew = Duration.ZERO;
        /** Bytes after which the next download is cut once (0 = never). */
        public volatile long cutDownloadAfter;
        /** Send every report twice. */
        public volatile boolean reportTwice;
    }

    public final String baseUrl;
    public final Faults faults = new Faults();
    private final String token;
    private final HttpClient http;
    private final double speedup;
    private String etag;
    private JsonNode queue = JSON.createObjectNode();
    private final Map<String, byte[]> cache = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private int resumedDownloads;

    public TerminalSimulator(String baseUrl, String token, double speedup) {
        this(
                baseUrl,
                token,
                speedup,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public TerminalSimulator(String baseUrl, String token, double speedup, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.speedup = speedup;
        this.http = http;
    }

    private Instant terminalNow() {
        return Instant.now().plus(faults.clockSkew);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token);
    }

    private void online() throws IOException {
        if (faults.offline) {
            throw new IOException("simulated network outage");
        }
    }

    public int heartbeat() throws IOException, InterruptedException {
        online();
        ObjectNode body = JSON.createObjectNode()
                .put("volume", 80)
                .put("amplifierOk", true)
                .put("freeStorageBytes", 512L * 1024 * 1024)
                .put("terminalTime", terminalNow().toString());
        return send(request("/terminal/v1/heartbeat"), body).statusCode();
    }

    /** Polls the queue (long-poll when wait > 0); returns the HTTP status, keeps the queue on 200. */
    public int poll(Duration wait) throws IOException, InterruptedException {
        online();
        HttpRequest.Builder b =
                request("/terminal/v1/queue" + (wait.isZero() ? "" : "?wait=" + wait.toSeconds() + "s"));
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            queue = JSON.readTree(r.body());
            etag = r.headers().firstValue("ETag").orElse(null);
        }
        return r.statusCode();
    }

    public JsonNode queue() {
        return queue;
    }

    public List<Long> queuedPlayIds() {
        List<Long> ids = new ArrayList<>();
        queue.path("plays").forEach(p -> ids.add(p.get("playId").asLong()));
        return ids;
    }

    public JsonNode item(long playId) {
        for (JsonNode p : queue.path("plays")) {
            if (p.get("playId").asLong() == playId) {
                return p;
            }
        }
        throw new IllegalStateException("play " + playId + " not in queue");
    }

    /** Downloads a play's audio, resuming with Range after a cut; verifies the SHA-256. */
    public byte[] download(long playId) throws IOException, InterruptedException {
        online();
        JsonNode audio = item(playId).get("audio");
        String key = audio.get("key").asText();
        if (cache.containsKey(key)) {
            return cache.get(key);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long cut = faults.cutDownloadAfter;
        faults.cutDownloadAfter = 0;
        while (true) {
            HttpRequest.Builder b =
                    request(URI.create(audio.get("url").asText()).getPath());
            if (got.size() > 0) {
                b.header("Range", "bytes=" + got.size() + "-");
                resumedDownloads++;
            }
            HttpResponse<InputStream> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200 && r.statusCode() != 206) {
                throw new IOException("download answered " + r.statusCode());
            }
            try (InputStream in = r.body()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    int take = cut > 0 ? (int) Math.min(n, cut - got.size()) : n;
                    got.write(buf, 0, take);
                    if (cut > 0 && got.size() >= cut) {
                        break;
                    }
                }
            }
            if (cut > 0 && got.size() >= cut) {
                log.add("download cut at " + got.size());
                cut = 0;
                continue;
            }
            break;
        }
        byte[] bytes = got.toByteArray();
        String sha = sha256(bytes);
        if (!sha.equals(audio.get("sha256").asText())) {
            throw new IOException("downloaded audio hash " + sha + " does not match the queue");
        }
        cache.put(key, bytes);
        return bytes;
    }

    public int resumedDownloads() {
        return resumedDownloads;
    }

    /** Sends reports; returns the response (status and body). */
    public HttpResponse<String> report(long playId, String status, String reason)
            throws IOException, InterruptedException {
        online();
        ObjectNode r = JSON.createObjectNode()
                .put("playId", playId)
                .put("status", status)
                .put("at", terminalNow().toString());
        if (reason != null) {
            r.put("reason", reason);
        }
        HttpResponse<String> resp = send(request("/terminal/v1/playbacks"), r);
        if (faults.reportTwice) {
            resp = send(request("/terminal/v1/playbacks"), r);
        }
        log.add(status + " " + playId + " -> " + resp.statusCode());
        return resp;
    }

    public HttpResponse<String> reportRaw(String json) throws IOException, InterruptedException {
        return http.send(
                request("/terminal/v1/playbacks")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> heartbeatRaw(String json) throws IOException, InterruptedException {
        return http.send(
                request("/terminal/v1/heartbeat")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a play: downloads it and reports started. */
    public void start(long playId) throws IOException, InterruptedException {
        download(playId);
        report(playId, "started", null);
    }

    /** Plays the audio for its duration divided by the speed-up, then reports completed. */
    public void playThrough(long playId) throws IOException, InterruptedException {
        start(playId);
        long ms = item(playId).path("audio").path("durationMs").asLong(0);
        Thread.sleep((long) (ms / speedup));
        report(playId, "completed", null);
    }

    /**
     * One cycle of a real box: poll (long), obey a preemption, then play the first item whose
     * window is open. Returns the id played, or -1.
     */
    public long cycle(Duration wait) throws IOException, InterruptedException {
        poll(wait);
        JsonNode preempt = queue.get("preempt");
        if (preempt != null && !preempt.isNull()) {
            report(
                    preempt.get("stop").asLong(),
                    "skipped",
                    "preempted by play " + preempt.get("play").asLong());
        }
        for (JsonNode p : queue.path("plays")) {
            if (p.get("windowOpen").asBoolean()
                    && "pending".equals(p.get("state").asText())) {
                long id = p.get("playId").asLong();
                playThrough(id);
                return id;
            }
        }
        return -1;
    }

    public List<String> log() {
        return log;
    }

    private HttpResponse<String> send(HttpRequest.Builder b, JsonNode body) throws IOException, InterruptedException {
        return http.send(
                b.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one simulated terminal per token until killed: heartbeat, long-poll, play, report. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TerminalSimulator BASE_URL TOKEN [TOKEN...]");
            System.exit(2);
        }
        HttpClient shared = HttpClient.newHttpClient();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            TerminalSimulator sim = new TerminalSimulator(args[0], args[i], 10, shared);
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        sim.heartbeat();
                        long played = sim.cycle(Duration.ofSeconds(30));
                        if (played > 0) {
                            System.out.println("played " + played);
                        }
                    } catch (IOException e) {
                        System.err.println(e.getMessage());
                        try {
                            Thread.sleep(5000);
                        } catch (InterruptedException ie) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
