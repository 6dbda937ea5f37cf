package dev.tocsin.loudspeaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audio.AudioFiles;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Device API for loudspeaker terminals (docs/TERMINALS.md). Quarkus security lets these paths
 * through (@PermitAll); every method checks the terminal's Bearer token itself.
 */
@Path("/terminal/v1")
@PermitAll
public class DeviceResource {

    private static final java.util.regex.Pattern WAIT = java.util.regex.Pattern.compile("(\\d{1,4})s?");
    private static final int MAX_BATCH = 200;
    private static final long MAX_OFFSET_MS = 3650L * 24 * 3600 * 1000;

    private final DeviceService service;
    private final QueueWaiters waiters;
    private final LoudspeakerConfig config;
    private final AudioFiles files;
    private final TokenCache tokens;
    private final QueueSnapshots snapshots;
    private final LastSeen lastSeen;
    private final Clock clock;
    private final ObjectMapper json;
    private final Validator validator;

    DeviceResource(
            DeviceService service,
            QueueWaiters waiters,
            LoudspeakerConfig config,
            AudioFiles files,
            TokenCache tokens,
            QueueSnapshots snapshots,
            LastSeen lastSeen,
            Clock clock,
            ObjectMapper json,
            Validator validator) {
        this.service = service;
        this.waiters = waiters;
        this.config = config;
        this.files = files;
        this.tokens = tokens;
        this.snapshots = snapshots;
        this.lastSeen = lastSeen;
        this.clock = clock;
        this.json = json;
        this.validator = validator;
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
    public PlaybackResults playbacks(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body)
            throws IOException {
        long terminalId = service.authenticate(authorization);
        return new PlaybackResults(service.report(terminalId, parseReports(body)));
    }

    public record HeartbeatAck(Instant serverTime) {}

    /** A heartbeat as the device API takes it (docs/TERMINALS.md); every field is optional. */
    public record HeartbeatRequest(
            @Min(0) @Max(100) Integer volume,
            Boolean amplifierOk,
            String lastError,
            @PositiveOrZero Long freeStorageBytes,
            @Min(-MAX_OFFSET_MS) @Max(MAX_OFFSET_MS) Long clockOffsetMs,
            Instant terminalTime) {}

    /** One playback report. */
    public record ReportRequest(
            @NotNull(message = "required") @Min(1) Long playId,

            @NotNull(message = "required: started, completed, failed or skipped")
            @Pattern(
                    regexp = "started|completed|failed|skipped",
                    message = "must be started, completed, failed or skipped")
            String status,

            Instant at,

            @Size(max = 500, message = "at most 500 characters")
            String reason) {

        DeviceService.Report toReport() {
            return new DeviceService.Report(
                    playId, DeviceService.ReportStatus.valueOf(status.toUpperCase(Locale.ROOT)), at, reason);
        }
    }

    @POST
    @Path("/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public HeartbeatAck heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body)
            throws IOException {
        long terminalId = service.authenticate(authorization);
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("volume", "a JSON object with the terminal's status is required");
        }
        HeartbeatRequest h = valid(json.readerFor(HeartbeatRequest.class).readValue(body), "");
        String lastError = h.lastError() == null
                ? null
                : h.lastError().substring(0, Math.min(500, h.lastError().length()));
        return new HeartbeatAck(service.heartbeat(
                terminalId,
                new DeviceService.Heartbeat(
                        h.volume(),
                        h.amplifierOk(),
                        lastError,
                        h.freeStorageBytes(),
                        h.clockOffsetMs(),
                        h.terminalTime())));
    }

    /**
     * One report object or an array of them. The body stays a tree until the token is checked,
     * so a bad token is a 401 whatever the body; Jackson then reads the typed records (its
     * errors name the field, {@code [1].at} inside an array) and Bean Validation checks them.
     */
    private List<DeviceService.Report> parseReports(JsonNode body) throws IOException {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.badRequest("playId", "a report object or an array of reports is required");
        }
        if (body.isObject()) {
            return List.of(valid(json.readerFor(ReportRequest.class).<ReportRequest>readValue(body), "")
                    .toReport());
        }
        if (body.isEmpty() || body.size() > MAX_BATCH) {
            throw ProblemException.badRequest("reports", "send 1 to " + MAX_BATCH + " reports");
        }
        List<ReportRequest> requests = json.readerForListOf(ReportRequest.class).readValue(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            errors.addAll(violations(requests.get(i), "[" + i + "]."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return requests.stream().map(ReportRequest::toReport).toList();
    }

    private <T> T valid(T request, String prefix) {
        List<Problem.FieldError> errors = violations(request, prefix);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return request;
    }

    private <T> List<Problem.FieldError> violations(T request, String prefix) {
        if (request == null) {
            return List.of(new Problem.FieldError(
                    prefix.isEmpty() ? "playId" : prefix.substring(0, prefix.length() - 1), "must be a report object"));
        }
        return validator.validate(request).stream()
                .map(v -> new Problem.FieldError(prefix + v.getPropertyPath(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }
}
