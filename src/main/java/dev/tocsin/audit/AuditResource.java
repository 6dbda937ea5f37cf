package dev.tocsin.audit;

import dev.tocsin.platform.problem.Params;
import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** Read access to the audit trail for approvers and admins. */
@Path("/api/audit")
@RolesAllowed({Role.APPROVER_NAME, Role.ADMIN_NAME})
public class AuditResource {

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditLog.Entry> search(
            @QueryParam("actor") String actor,
            @QueryParam("subject") String subject,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        return audit.search(
                actor,
                subject,
                Params.instant("from", from),
                Params.instant("to", to),
                Params.intInRange("limit", limit, 100, 1, 1000));
    }
}
