package dev.tocsin.platform.problem;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies announced larger than allowed before reading them, with a problem+json answer.
 * JSON bodies have a tighter limit than uploads (CSV imports, CAP documents), which are bounded
 * by quarkus.http.limits.max-body-size.
 */
@ApplicationScoped
public class BodyLimitFilter {

    @ConfigProperty(name = "tocsin.http.max-json-body", defaultValue = "1048576")
    long maxJsonBody;

    @ConfigProperty(name = "tocsin.http.max-body", defaultValue = "33554432")
    long maxBody;

    @RouteFilter(100)
    void limit(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long announced;
            try {
                announced = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                reply(rc, 400, "Bad Request", "Content-Length is not a number");
                return;
            }
            String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
            boolean json = type != null && type.toLowerCase().contains("json");
            long limit = json ? maxJsonBody : maxBody;
            if (announced > limit) {
                reply(
                        rc,
                        413,
                        "Body too large",
                        "The request body is " + announced + " bytes; the limit is " + limit + " bytes");
                return;
            }
        }
        rc.next();
    }

    private static void reply(RoutingContext rc, int status, String title, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
