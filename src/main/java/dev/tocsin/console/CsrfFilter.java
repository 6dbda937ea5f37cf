package dev.tocsin.console;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Double-submit CSRF check for every state-changing console request: the token in the form
 * field {@value Chrome#CSRF_FIELD} (or the X-CSRF-Token header, for scripts) must equal the one in
 * the console's CSRF cookie. Limited to /console so that API clients and signed webhooks, which
 * do not use cookies, are not affected.
 */
public class CsrfFilter {

    static final String HEADER = "X-CSRF-Token";

    private final ConsoleErrors refusal;

    CsrfFilter(ConsoleErrors refusal) {
        this.refusal = refusal;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        String method = request.getMethod();
        if (!rc.normalizedPath().startsWith("/console/")
                || "GET".equals(method)
                || "HEAD".equals(method)
                || "OPTIONS".equals(method)) {
            return null;
        }
        Cookie cookie = rc.request().getCookie(ConsoleView.CSRF_COOKIE);
        String sent = request.getHeaderString(HEADER);
        if (sent == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(Chrome.CSRF_FIELD, true, false);
            sent = field == null ? null : field.toString();
        }
        if (cookie == null
                || sent == null
                || !wellFormed(sent)
                || !MessageDigest.isEqual(
                        cookie.getValue().getBytes(StandardCharsets.US_ASCII),
                        sent.getBytes(StandardCharsets.US_ASCII))) {
            return refusal.csrfRefused();
        }
        return null;
    }

    static boolean wellFormed(String token) {
        return token != null
                && token.length() >= 16
                && token.length() <= 64
                && token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    private static boolean isForm(MediaType type) {
        return type != null
                && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                                && !type.isWildcardType()
                                && !type.isWildcardSubtype()
                        || "multipart".equals(type.getType()) && "form-data".equals(type.getSubtype()));
    }
}
