package dev.tocsin.sandbox;

import dev.tocsin.sandbox.SandboxFaults.Fault;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Messages resource of Twilio's REST API (2010-04-01): create, fetch, list with To, From
 * and DateSent filters and Twilio's paging. {@code @PermitAll} because it is not for staff: the
 * account SID and auth token are checked by {@link SandboxGate}, as Twilio does.
 */
@Path("/2010-04-01/Accounts/{accountSid}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TwilioSandboxResource {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SandboxGate gate;
    private final SandboxService store;
    private final SandboxFaults faults;
    private final SandboxCallbacks callbacks;
    private final SandboxCalls calls;

    TwilioSandboxResource(
            SandboxGate gate,
            SandboxService store,
            SandboxFaults faults,
            SandboxCallbacks callbacks,
            SandboxCalls calls) {
        this.gate = gate;
        this.store = store;
        this.faults = faults;
        this.callbacks = callbacks;
        this.calls = calls;
    }

    /** Places a call (Twilio Programmable Voice): To, From, Twiml or Url, StatusCallback. */
    @POST
    @Path("Calls.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createCall(
            @PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String auth,
            MultivaluedMap<String, String> form)
            throws InterruptedException {
        gate.check(auth, accountSid);
        pause(faults.latency().toMillis());
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        String twiml = form.getFirst("Twiml");
        String url = form.getFirst("Url");
        if (to == null || to.isBlank()) {
            return error(400, 21201, "No 'To' number is specified");
        }
        if (from == null || from.isBlank()) {
            return error(400, 21213, "No 'From' number is specified");
        }
        if ((twiml == null || twiml.isBlank()) && (url == null || url.isBlank())) {
            return error(400, 21205, "Url or Twiml is required");
        }
        if (twiml != null && twiml.length() > 4000) {
            return error(400, 13002, "Twiml exceeds the 4000 character limit");
        }
        if (!E164.matcher(to).matches()) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        Fault fault = faults.draw();
        if (fault == Fault.SERVER_ERROR) {
            return error(500, 20500, "Internal Server Error");
        }
        if (fault == Fault.TOO_MANY_REQUESTS) {
            return Response.status(429)
                    .header("Retry-After", faults.settings().retryAfterSeconds())
                    .entity(SandboxJson.error(20429, "Too Many Requests", 429))
                    .build();
        }
        SandboxCall c = calls.accept(accountSid, to, from, twiml, url, form.getFirst("StatusCallback"));
        if (fault == Fault.TIMEOUT) {
            pause(faults.settings().timeoutHoldMs());
        }
        return Response.status(201).entity(SandboxJson.call(c)).build();
    }

    @GET
    @Path("Calls/{sid}.json")
    public Response fetchCall(
            @PathParam("accountSid") String accountSid,
            @PathParam("sid") String sid,
            @HeaderParam("Authorization") String auth)
            throws InterruptedException {
        gate.check(auth, accountSid);
        pause(faults.latency().toMillis());
        return calls.find(sid)
                .filter(c -> c.accountSid.equals(accountSid))
                .map(c -> Response.ok(SandboxJson.call(c)).build())
                .orElseGet(() -> error(
                        404,
                        20404,
                        "The requested resource " + SandboxJson.callsUri(accountSid) + "/" + sid
                                + ".json was not found"));
    }

    @POST
    @Path("Messages.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @PathParam("accountSid") String accountSid,
            @HeaderParam("Authorization") String auth,
            MultivaluedMap<String, String> form)
            throws InterruptedException {
        gate.check(auth, accountSid);
        pause(faults.latency().toMillis());
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        String service = form.getFirst("MessagingServiceSid");
        String body = form.getFirst("Body");
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (from == null && service == null) {
            return error(400, 21603, "A 'From' phone number is required.");
        }
        if (body == null || body.isEmpty()) {
            return error(400, 21602, "Message body is required.");
        }
        if (body.length() > 1600) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        String validity = form.getFirst("ValidityPeriod");
        if (validity != null && !validity.matches("[0-9]{1,5}")) {
            return error(400, 21623, "ValidityPeriod must be between 1 and 36000 seconds.");
        }
        if (!E164.matcher(to).matches()) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        Integer numberError = faults.errorFor(to);
        if (numberError != null && numberError < 30000) {
            return error(
                    400,
                    numberError,
                    switch (numberError) {
                        case 21610 -> "Attempt to send to unsubscribed recipient";
                        case 21614 -> "'To' number is not a valid mobile number";
                        default -> "The 'To' number " + to + " is not a valid phone number.";
                    });
        }
        Fault fault = faults.draw();
        if (fault == Fault.SERVER_ERROR) {
            return error(500, 20500, "Internal Server Error");
        }
        if (fault == Fault.TOO_MANY_REQUESTS) {
            return Response.status(429)
                    .header("Retry-After", faults.settings().retryAfterSeconds())
                    .entity(SandboxJson.error(20429, "Too Many Requests", 429))
                    .build();
        }
        SandboxMessage m = store.accept(accountSid, to, from, service, body, form.getFirst("StatusCallback"));
        callbacks.schedule(m);
        if (fault == Fault.TIMEOUT) {
            // Accepted, but the answer comes after the client gave up: the "did it go?" case.
            pause(faults.settings().timeoutHoldMs());
        }
        return Response.status(201).entity(SandboxJson.message(m)).build();
    }

    @GET
    @Path("Messages/{sid}.json")
    public Response fetch(
            @PathParam("accountSid") String accountSid,
            @PathParam("sid") String sid,
            @HeaderParam("Authorization") String auth)
            throws InterruptedException {
        gate.check(auth, accountSid);
        pause(faults.latency().toMillis());
        return store.find(sid)
                .filter(m -> m.accountSid.equals(accountSid))
                .map(m -> Response.ok(SandboxJson.message(m)).build())
                .orElseGet(() -> error(
                        404,
                        20404,
                        "The requested resource " + SandboxJson.messagesUri(accountSid) + "/" + sid
                                + ".json was not found"));
    }

    @GET
    @Path("Messages.json")
    public Response list(
            @PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String auth, @Context UriInfo uri)
            throws InterruptedException {
        gate.check(auth, accountSid);
        pause(faults.latency().toMillis());
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        int page;
        int size;
        Instant after;
        Instant before;
        Instant on;
        try {
            page = Integer.parseInt(q.getFirst("Page") == null ? "0" : q.getFirst("Page"));
            size = Integer.parseInt(q.getFirst("PageSize") == null ? "50" : q.getFirst("PageSize"));
            after = parseDate(q.getFirst("DateSent>"), false);
            before = parseDate(q.getFirst("DateSent<"), true);
            on = parseDate(q.getFirst("DateSent"), false);
        } catch (NumberFormatException | DateTimeParseException e) {
            return error(400, 20001, "Invalid paging or DateSent parameter");
        }
        if (page < 0 || size < 1 || size > 1000) {
            return error(400, 20001, "PageSize must be between 1 and 1000");
        }
        if (on != null) {
            after = on;
            before = on.plusSeconds(86_399);
        }
        SandboxService.Filter filter = new SandboxService.Filter(q.getFirst("To"), q.getFirst("From"), after, before);
        SandboxService.Listing listing = store.list(filter, page, size);
        List<Map<String, Object>> messages = new ArrayList<>();
        listing.messages().forEach(m -> messages.add(SandboxJson.message(m)));
        String base = SandboxJson.messagesUri(accountSid) + ".json";
        String filters = filterQuery(q);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("end", page * size + messages.size() - 1);
        j.put("first_page_uri", base + "?" + filters + "PageSize=" + size + "&Page=0");
        boolean more = (long) (page + 1) * size < listing.total();
        j.put(
                "next_page_uri",
                more
                        ? base + "?" + filters + "PageSize=" + size + "&Page=" + (page + 1) + "&PageToken=PA"
                                + (page + 1)
                        : null);
        j.put("page", page);
        j.put("page_size", size);
        j.put("previous_page_uri", page > 0 ? base + "?" + filters + "PageSize=" + size + "&Page=" + (page - 1) : null);
        j.put("messages", messages);
        j.put("start", page * size);
        j.put("uri", base + "?" + filters + "PageSize=" + size + "&Page=" + page);
        return Response.ok(j).build();
    }

    private static String filterQuery(MultivaluedMap<String, String> q) {
        StringBuilder s = new StringBuilder();
        for (String key : List.of("To", "From", "DateSent", "DateSent>", "DateSent<")) {
            String v = q.getFirst(key);
            if (v != null) {
                s.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return s.toString();
    }

    /** Twilio takes YYYY-MM-DD or YYYY-MM-DDThh:mm:ss(Z), in UTC; a bare date as an upper bound means its whole day. */
    private static Instant parseDate(String v, boolean endOfDay) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
        if (s.length() == 10) {
            LocalDate d = LocalDate.parse(s);
            return endOfDay
                    ? d.atTime(23, 59, 59).toInstant(ZoneOffset.UTC)
                    : d.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }

    private static Response error(int status, int code, String message) {
        return Response.status(status)
                .entity(SandboxJson.error(code, message, status))
                .build();
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
