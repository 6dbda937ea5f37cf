package dev.tocsin.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The device API over HTTP (docs/TERMINALS.md): queue long-poll, audio download, reports, heartbeat. */
final class DeviceClient {

    /** An answer the agent cannot act on by retrying (bad request, not this terminal's play). */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String body) {
            super("refused with " + status + ": " + body.substring(0, Math.min(300, body.length())));
            this.status = status;
        }
    }

    record QueueAnswer(Instant serverTime, List<QueuedPlay> plays, String etag, JsonNode raw) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    DeviceClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token);
    }

    /** The queue; empty when unchanged (304) after {@code wait}. */
    Optional<QueueAnswer> queue(String etag, Duration wait) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                request(base.resolve("/terminal/v1/queue?wait=" + wait.toSeconds() + "s"), wait.plusSeconds(30));
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 304) {
            return Optional.empty();
        }
        check(r);
        return Optional.of(parseQueue(JSON.readTree(r.body())));
    }

    static QueueAnswer parseQueue(JsonNode body) {
        List<QueuedPlay> plays = new java.util.ArrayList<>();
        body.path("plays").forEach(p -> plays.add(QueuedPlay.of(p)));
        return new QueueAnswer(
                Instant.parse(body.path("serverTime").asText()),
                List.copyOf(plays),
                body.path("etag").asText(null),
                body);
    }

    /** Appends the audio to {@code partial}, resuming with Range from its current size. */
    void download(String url, Path partial) throws IOException, InterruptedException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder b = request(base.resolve(URI.create(url).getRawPath()), Duration.ofMinutes(5));
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() == 416) {
                Files.deleteIfExists(partial); // longer than the file: start again
                throw new IOException("range beyond the end, download restarts");
            }
            if (r.statusCode() != 200 && r.statusCode() != 206) {
                throw new IOException("audio download answered " + r.statusCode());
            }
            StandardOpenOption mode =
                    r.statusCode() == 206 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (OutputStream out =
                    Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                in.transferTo(out);
            }
        }
    }

    /** Sends up to 200 reports at once; the server applies them all or none. */
    void report(List<Report> reports) throws IOException, InterruptedException {
        ArrayNode body = JSON.createArrayNode();
        for (Report r : reports) {
            ObjectNode n = body.addObject()
                    .put("playId", r.playId())
                    .put("status", r.status())
                    .put("at", r.at().toString());
            if (r.reason() != null) {
                n.put("reason", r.reason());
            }
        }
        check(post("/terminal/v1/playbacks", body));
    }

    /** Sends the terminal's status; returns the server's time. */
    Instant heartbeat(int volume, boolean amplifierOk, String lastError, long freeBytes, long offsetMs, Instant now)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("volume", volume)
                .put("amplifierOk", amplifierOk)
                .put("freeStorageBytes", freeBytes)
                .put("clockOffsetMs", offsetMs)
                .put("terminalTime", now.toString());
        body.put("lastError", lastError == null ? null : lastError.substring(0, Math.min(500, lastError.length())));
        HttpResponse<String> r = post("/terminal/v1/heartbeat", body);
        check(r);
        return Instant.parse(JSON.readTree(r.body()).path("serverTime").asText());
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(
                request(base.resolve(path), Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> r) throws IOException {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return;
        }
        // 400 and 403 will not change on retry; 401 may (a new token is installed), 5xx too.
        if (s == 400 || s == 403 || s == 404) {
            throw new Refused(s, r.body());
        }
        throw new IOException("device API answered " + s);
    }
}
