package dev.tocsin.cap;

import dev.tocsin.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Upstream systems post CAP 1.2 alerts here (HTTP Basic, an admin account); see docs/CAP.md. */
@Path("/api/cap/ingest")
public class CapIngestResource {

    private final CapIngestService ingest;
    private final CapViews views;
    private final CapConfig config;
    private final SecurityIdentity identity;

    CapIngestResource(CapIngestService ingest, CapViews views, CapConfig config, SecurityIdentity identity) {
        this.ingest = ingest;
        this.views = views;
        this.config = config;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response ingest(InputStream body) throws IOException {
        byte[] xml = readLimited(body, config.maxDocumentBytes());
        CapIngestService.Result r = ingest.ingest(identity.getPrincipal().getName(), xml);
        return Response.status(r.duplicate() ? 200 : 201)
                .entity(views.received(r.received().id, r.duplicate()))
                .build();
    }

    /** Reads at most {@code limit} bytes; a chunked body that goes beyond is refused with 413. */
    static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        if (in == null) {
            return new byte[0];
        }
        for (int n; (n = in.read(buf)) != -1; ) {
            total += n;
            if (total > limit) {
                throw CapIngestService.refused(
                        413,
                        "too-large",
                        "the document is larger than the limit of " + limit + " bytes (tocsin.cap.max-document-bytes)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
