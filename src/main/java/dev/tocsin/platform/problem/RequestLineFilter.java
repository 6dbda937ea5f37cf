package dev.tocsin.platform.problem;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request lines longer than {@code tocsin.http.max-request-line} with a problem+json 414.
 * The HTTP decoder's own limit (quarkus.http.limits.max-initial-line-length) is set higher, since
 * its 414 has no body; only lines beyond that still get the decoder's bare answer.
 */
@ApplicationScoped
public class RequestLineFilter {

    @ConfigProperty(name = "tocsin.http.max-request-line", defaultValue = "4096")
    int maxRequestLine;

    @RouteFilter(110)
    void limit(RoutingContext rc) {
        // METHOD SP request-target SP HTTP/1.1
        int length =
                rc.request().method().name().length() + 1 + rc.request().uri().length() + 9;
        if (length > maxRequestLine) {
            String body =
                    "{\"type\":\"about:blank\",\"title\":\"URI Too Long\",\"status\":414,\"detail\":\"The request line is "
                            + length + " bytes; the limit is " + maxRequestLine + " bytes\"}";
            rc.response()
                    .setStatusCode(414)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(body);
            return;
        }
        rc.next();
    }
}
