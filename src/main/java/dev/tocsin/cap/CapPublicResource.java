package dev.tocsin.cap;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Public CAP documents and the Atom feed of current alerts, for aggregators; cacheable with ETag. */
@Path("/cap")
@PermitAll
public class CapPublicResource {

    private final CapFeed feed;
    private final CapConfig config;

    CapPublicResource(CapFeed feed, CapConfig config) {
        this.feed = feed;
        this.config = config;
    }

    @GET
    @Path("/alerts/{identifier: [A-Za-z0-9._-]{1,200}}.xml")
    public Response alert(
            @PathParam("identifier") String identifier, @HeaderParam("If-None-Match") String ifNoneMatch) {
        CapPublished p = feed.document(identifier)
                .orElseThrow(() -> dev.tocsin.platform.problem.ProblemException.notFound("no CAP alert " + identifier));
        return cached(p.xml, "application/cap+xml; charset=UTF-8", ifNoneMatch);
    }

    @GET
    @Path("/feed.atom")
    public Response atom(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached(feed.atom(feed.current()), "application/atom+xml; charset=UTF-8", ifNoneMatch);
    }

    private Response cached(String body, String type, String ifNoneMatch) {
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        String cacheControl = "public, max-age=" + config.cacheMaxAge().toSeconds();
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified()
                    .header("ETag", etag)
                    .header("Cache-Control", cacheControl)
                    .build();
        }
        return Response.ok(body, type)
                .header("ETag", etag)
                .header("Cache-Control", cacheControl)
                .build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
