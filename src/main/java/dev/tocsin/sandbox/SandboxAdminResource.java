package dev.tocsin.sandbox;

import dev.tocsin.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox received, for tests, drills and the console; and its fault settings.
 * Authenticated like Twilio's API (account SID and auth token), hence {@code @PermitAll}.
 */
@Path("/sandbox/twilio")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SandboxAdminResource {

    private final SandboxGate gate;
    private final SandboxService store;
    private final SandboxFaults faults;
    private final SandboxCalls calls;

    SandboxAdminResource(SandboxGate gate, SandboxService store, SandboxFaults faults, SandboxCalls calls) {
        this.gate = gate;
        this.store = store;
        this.faults = faults;
        this.calls = calls;
    }

    public record CallListing(long total, List<Map<String, Object>> calls) {}

    /** The calls the sandbox accepted (newest first), optionally to one number, with each callee's outcome. */
    @GET
    @Path("/calls")
    public CallListing calls(@HeaderParam("Authorization") String auth, @QueryParam("to") String to) {
        gate.check(auth, null);
        if (to != null && !to.isBlank() && !to.matches("\\+[1-9][0-9]{6,14}")) {
            throw ProblemException.badRequest("to", "must be an E.164 phone number");
        }
        List<SandboxCall> list = calls.list(blankToNull(to));
        return new CallListing(
                list.size(), list.stream().map(SandboxJson::callRecord).toList());
    }

    public record MessagePage(long total, int page, int size, List<Map<String, Object>> messages) {}

    @GET
    @Path("/messages")
    public MessagePage messages(
            @HeaderParam("Authorization") String auth,
            @QueryParam("to") String to,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        gate.check(auth, null);
        int p = parse("page", page, 0, 0, Integer.MAX_VALUE);
        int n = parse("size", size, 100, 1, 1000);
        SandboxService.Listing l = store.list(new SandboxService.Filter(blankToNull(to), null, null, null), p, n);
        return new MessagePage(
                l.total(), p, n, l.messages().stream().map(SandboxJson::message).toList());
    }

    @GET
    @Path("/stats")
    public SandboxService.Stats stats(
            @HeaderParam("Authorization") String auth, @QueryParam("to-prefix") String prefix) {
        gate.check(auth, null);
        if (prefix != null && !prefix.matches("\\+?[0-9]{0,15}")) {
            throw ProblemException.badRequest("to-prefix", "must be the start of an E.164 number");
        }
        return store.stats(prefix);
    }

    @GET
    @Path("/faults")
    public SandboxFaults.Settings faults(@HeaderParam("Authorization") String auth) {
        gate.check(auth, null);
        return faults.settings();
    }

    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public SandboxFaults.Settings setFaults(@HeaderParam("Authorization") String auth, SandboxFaults.Change change) {
        gate.check(auth, null);
        if (change == null) {
            throw ProblemException.badRequest("body", "fault settings are required");
        }
        try {
            faults.update(change.applyTo(faults.settings()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("faults", e.getMessage());
        }
        return faults.settings();
    }

    private static int parse(String field, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw ProblemException.badRequest(field, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "must be a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
