package dev.tocsin.sms;

import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Staff read access to SMS delivery. */
@Path("/api/sms")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class SmsResource {

    private final SmsReports reports;
    private final DispatchRefs dispatchRefs;

    SmsResource(SmsReports reports, DispatchRefs dispatchRefs) {
        this.reports = reports;
        this.dispatchRefs = dispatchRefs;
    }

    @GET
    @Path("/dispatches/{id}")
    public SmsReports.DispatchReport dispatch(@PathParam("id") String id) {
        return reports.dispatch(parseLong("id", id));
    }

    @GET
    @Path("/deliveries")
    public SmsReports.PageOf<SmsReports.DeliveryView> deliveries(
            @QueryParam("dispatch") String dispatch,
            @QueryParam("broadcast") String broadcast,
            @QueryParam("occurrence") String occurrence,
            @QueryParam("state") String state,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Long dispatchId = dispatch == null || dispatch.isBlank() ? null : parseLong("dispatch", dispatch);
        java.util.List<String> refs = null;
        if (broadcast != null && !broadcast.isBlank()) {
            refs = new java.util.ArrayList<>(dispatchRefs.ofBroadcast(parseLong("broadcast", broadcast)));
        }
        if (occurrence != null && !occurrence.isBlank()) {
            // The numeric id the broadcast report gives, or its reference occ-<id>.
            String o = occurrence.trim();
            String ref = o.startsWith("occ-")
                    ? "occ-" + parseLong("occurrence", o.substring(4))
                    : "occ-" + parseLong("occurrence", o);
            refs = refs == null
                    ? java.util.List.of(ref)
                    : refs.contains(ref) ? java.util.List.of(ref) : java.util.List.of();
        }
        DeliveryState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = DeliveryState.parse(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "state",
                        "must be one of queued, sending, sent, delivered, undelivered, failed, held, suppressed");
            }
        }
        int p = page == null ? 0 : parseInt("page", page, 0, 1_000_000);
        int n = size == null ? 50 : parseInt("size", size, 1, 500);
        return reports.deliveries(dispatchId, refs, s, p, n);
    }

    private static long parseLong(String field, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "must be a number");
        }
    }

    private static int parseInt(String field, String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "must be a number");
        }
        if (v < min || v > max) {
            throw ProblemException.badRequest(field, "must be between " + min + " and " + max);
        }
        return v;
    }
}
