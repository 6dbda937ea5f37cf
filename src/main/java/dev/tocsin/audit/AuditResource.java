package dev.tocsin.audit;

import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
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
    public List<AuditLog.Entry> search(@QueryParam("actor") String actor, @QueryParam("subject") String subject,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.search(actor, subject, from, to, limit);
    }
}
