package dev.tocsin.duty;

import dev.tocsin.platform.problem.Params;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** A broadcast's 叫应 record, and its CSV export. */
@Path("/api/broadcasts/{id}/duty")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class DutyRecordResource {

    private final DutyRecords records;

    DutyRecordResource(DutyRecords records) {
        this.records = records;
    }

    @GET
    public DutyRecords.Record record(@PathParam("id") String id) {
        return records.record(Params.id("id", id));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@PathParam("id") String id) {
        long broadcastId = Params.id("id", id);
        return Response.ok(records.csv(broadcastId), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"duty-" + broadcastId + ".csv\"")
                .build();
    }
}
