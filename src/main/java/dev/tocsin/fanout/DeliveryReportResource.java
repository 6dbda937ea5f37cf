package dev.tocsin.fanout;

import dev.tocsin.platform.problem.Params;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A broadcast's delivery report; see docs/BROADCASTS.md. */
@Path("/api/broadcasts/{id}/report")
public class DeliveryReportResource {

    private final DeliveryReports reports;

    DeliveryReportResource(DeliveryReports reports) {
        this.reports = reports;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
    public DeliveryReports.Report report(@PathParam("id") String id) {
        return reports.report(Params.id("id", id));
    }
}
