package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.audio.AudioFiles;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Device API for loudspeaker terminals (docs/TERMINALS.md). Quarkus security lets these paths
 * through (@PermitAll); every method checks the terminal's Bearer token itself.
 */
@Path("/terminal/v1")
@PermitAll
public class DeviceResource {

    private static final Pattern WAIT = Pattern.compile("(\\d{1,4})s?");
    private static final int MAX_BATCH = 200;

    private final DeviceService service;
    private final QueueWaiters waiters;
    private final LoudspeakerConfig config;
    private final AudioFiles files;
    private final TokenCache tokens;
    private final QueueSnapshots snapshots;
    private final LastSeen lastSeen;
    private final Clock clock;

    DeviceResource(
            DeviceService service,
            QueueWaiters waiters,
            LoudspeakerConfig config,
            AudioFiles files,
            TokenCache tokens,
            QueueSnapshots snapshots,
            LastSeen lastSeen,
            Clock clock) {
        this.service = service;
        this.waiters = waiters;
        this.config = config;
        this.files = files;
        this.tokens = tokens;
        this.snapshots = snapshots;
        this.lastSeen = lastSeen;
        this.clock = clock;
    }

    private record Round(CompletableFuture<Boolean> signal, DeviceService.Queue queue) {}

    /**
     * The caller's queue. With {@code wait} and an {@code If-None-Match} equal to the current
     * queue version, the answer is held until the queue changes (or the wait ends: 304). The
     * wait holds no thread; database reads run on the worker pool.
     */
    @GET
    @Path("/queue")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> queue(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("wait") String wait) {
        Duration waitFor = parseWait(wait);
        long deadline = System.nanoTime() + waitFor.toNanos();
        return round(authorization, ifNoneMatch, deadline);
    }

    private Uni<Response> round(String authorization, String ifNoneMatch, long deadline) {
        // Known token and a good snapshot: answered on the I/O thread without the database.
        Long known = tokens.find(TerminalTokens.hash(TerminalTokens.bearer(authorization)));
        if (known != null) {
            CompletableFuture<Boolean> signal = waiters.signal(known);
            Instant now = clock.instant();
            DeviceService.Queue q = snapshots.find(known, now);
            if (q != null) {
                lastSeen.touch(known, now);
                return answer(new Round(signal, q), authorization, ifNoneMatch, deadline);
            }
        }
        return blocking(() -> {
                    long terminalId = service.authenticate(authorization);
                    CompletableFuture<Boolean> signal = waiters.signal(terminalId);
                    return new Round(signal, service.queue(terminalId));
                })
                .onItem()
                .transformToUni(r -> answer(r, authorization, ifNoneMatch, deadline));
    }

    private Uni<Response> answer(Round r, String authorization, String ifNoneMatch, long deadline) {
        String etag = r.queue().etag();
        if (!etag.equals(ifNoneMatch)) {
            return Uni.createFrom()
                    .item(Response.ok(r.queue())
                            .header(HttpHeaders.ETAG, etag)
                            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                            .build());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return Uni.createFrom()
                    .item(Response.notModified().header(HttpHeaders.ETAG, etag).build());
        }
        Duration nap = Duration.ofNanos(Math.min(left, config.recheckInterval().toNanos()));
        return waiters.await(r.signal(), nap)
                .onItem()
                .transformToUni(woken -> round(authorization, ifNoneMatch, deadline));
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Duration parseWait(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(wait.trim());
        long max = config.maxWait().toSeconds();
        if (!m.matches() || Long.parseLong(m.group(1)) > max) {
            throw ProblemException.badRequest("wait", "seconds to hold the poll, such as 30s; at most " + max + "s");
        }
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }

    @GET
    @Path("/audio/{key: [0-9a-f]{64}}.mp3")
    public Response audio(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("key") String key,
            @HeaderParam("Range") String range,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        service.authenticate(authorization);
        return files.serve(key, AudioFormat.MP3, range, ifNoneMatch);
    }

    public record PlaybackResults(List<DeviceService.Outcome> results) {}

    /** One report object or an array of them; applied all-or-nothing. */
    @POST
    @Path("/playbacks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PlaybackResults playbacks(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        long terminalId = service.authenticate(authorization);
        return new PlaybackResults(service.report(terminalId, parseReports(body)));
    }

    public record HeartbeatAck(Instant serverTime) {}

    @POST
    @Path("/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HeartbeatAck heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        long terminalId = service.authenticate(authorization);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("volume", "a JSON object with the terminal's status is required");
        }
        knownFields(
                body,
                "",
                List.of("volume", "amplifierOk", "lastError", "freeStorageBytes", "clockOffsetMs", "terminalTime"),
                errors);
        Long volume = integer(body, "volume", "volume", 0, 100, errors);
        Boolean amp = null;
        if (body.hasNonNull("amplifierOk")) {
            if (body.get("amplifierOk").isBoolean()) {
                amp = body.get("amplifierOk").booleanValue();
            } else {
                errors.add(new Problem.FieldError("amplifierOk", "must be true or false"));
            }
        }
        String lastError = text(body, "lastError", "lastError", errors);
        Long free = integer(body, "freeStorageBytes", "freeStorageBytes", 0, Long.MAX_VALUE, errors);
        Long offset = integer(
                body,
                "clockOffsetMs",
                "clockOffsetMs",
                -Duration.ofDays(3650).toMillis(),
                Duration.ofDays(3650).toMillis(),
                errors);
        Instant terminalTime = instant(body, "terminalTime", "terminalTime", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new HeartbeatAck(service.heartbeat(
                terminalId,
                new DeviceService.Heartbeat(
                        volume == null ? null : volume.intValue(),
                        amp,
                        lastError == null ? null : lastError.substring(0, Math.min(500, lastError.length())),
                        free,
                        offset,
                        terminalTime)));
    }

    private static List<DeviceService.Report> parseReports(JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.badRequest("playId", "a report object or an array of reports is required");
        }
        List<JsonNode> nodes = new ArrayList<>();
        body.forEach(nodes::add);
        if (body.isObject()) {
            nodes = List.of(body);
        }
        if (nodes.isEmpty() || nodes.size() > MAX_BATCH) {
            throw ProblemException.badRequest("reports", "send 1 to " + MAX_BATCH + " reports");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<DeviceService.Report> reports = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String prefix = body.isArray() ? "[" + i + "]." : "";
            if (!n.isObject()) {
                errors.add(
                        new Problem.FieldError(body.isArray() ? "[" + i + "]" : "playId", "must be a report object"));
                continue;
            }
            knownFields(n, prefix, List.of("playId", "status", "at", "reason"), errors);
            Long playId = integer(n, "playId", prefix + "playId", 1, Long.MAX_VALUE, errors);
            if (playId == null && !n.hasNonNull("playId")) {
                errors.add(new Problem.FieldError(prefix + "playId", "required"));
            }
            DeviceService.ReportStatus status = null;
            JsonNode s = n.get("status");
            if (s == null || !s.isTextual()) {
                errors.add(
                        new Problem.FieldError(prefix + "status", "required: started, completed, failed or skipped"));
            } else {
                try {
                    status = DeviceService.ReportStatus.valueOf(s.textValue().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(
                            new Problem.FieldError(prefix + "status", "must be started, completed, failed or skipped"));
                }
            }
            Instant at = instant(n, "at", prefix + "at", errors);
            String reason = text(n, "reason", prefix + "reason", errors);
            if (reason != null && reason.length() > 500) {
                errors.add(new Problem.FieldError(prefix + "reason", "at most 500 characters"));
            }
            if (playId != null && status != null) {
                reports.add(new DeviceService.Report(playId, status, at, reason));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return reports;
    }

    private static void knownFields(JsonNode n, String prefix, List<String> known, List<Problem.FieldError> errors) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                errors.add(new Problem.FieldError(prefix + f, "unknown field"));
            }
        });
    }

    private static Long integer(
            JsonNode n, String name, String field, long min, long max, List<Problem.FieldError> errors) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            errors.add(new Problem.FieldError(field, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return v.longValue();
    }

    private static String text(JsonNode n, String name, String field, List<Problem.FieldError> errors) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string"));
            return null;
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode n, String name, String field, List<Problem.FieldError> errors) {
        String s = text(n, name, field, errors);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2027-01-05T07:00:00Z"));
            return null;
        }
    }
}
