package dev.tocsin.console;

import dev.tocsin.platform.TocsinConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Security headers on every console response (pages, static files, redirects, error pages):
 * a Content-Security-Policy that allows scripts and styles from the console's own files only,
 * no framing, no MIME sniffing, the microphone for the recording pages only, same-origin
 * referrers, nothing stored by caches, and HSTS when served over https. The JSON API gets
 * nosniff and no-store. When the public URL is https, every cookie set on these responses is
 * marked Secure, also behind a TLS-terminating proxy where the connection itself is plain.
 */
@ApplicationScoped
public class ConsoleHeaders {

    static final String CSP = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            // blob: for the recorder's mastered listen-back, fetched then played from memory.
            "media-src 'self' blob:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    /** Only the recording pages use the microphone; no page uses the camera or location. */
    static final String PERMISSIONS = "camera=(), geolocation=(), microphone=()";

    static final String PERMISSIONS_RECORDING = "camera=(), geolocation=(), microphone=(self)";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean httpsPublicUrl;

    ConsoleHeaders(TocsinConfig tocsin) {
        this.httpsPublicUrl = tocsin.publicUrl().regionMatches(true, 0, "https:", 0, 6);
    }

    void register(@Observes Filters filters) {
        // Before the authentication handler, so that its redirects carry the headers too.
        filters.register(this::apply, 1000);
    }

    private void apply(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean console = path.equals("/")
                || path.equals("/favicon.ico")
                || path.equals("/console")
                || path.startsWith("/console/");
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (console || api) {
            boolean https = httpsPublicUrl || rc.request().isSSL();
            rc.addHeadersEndHandler(v -> {
                MultiMap h = rc.response().headers();
                h.set("X-Content-Type-Options", "nosniff");
                // An answer that chose its own caching (immutable audio by content key) keeps it.
                if (console || !h.contains("Cache-Control")) {
                    h.set("Cache-Control", "no-store");
                }
                if (console) {
                    h.set("Content-Security-Policy", CSP);
                    h.set("X-Frame-Options", "DENY");
                    h.set("Referrer-Policy", "same-origin");
                    h.set("Cross-Origin-Opener-Policy", "same-origin");
                    h.set("Permissions-Policy", recordingPage(path) ? PERMISSIONS_RECORDING : PERMISSIONS);
                }
                if (https) {
                    h.set("Strict-Transport-Security", HSTS);
                    secureCookies(rc, h);
                }
            });
        }
        rc.next();
    }

    static boolean recordingPage(String path) {
        return path.equals("/console/recordings") || path.startsWith("/console/phrase-banks/");
    }

    /** Marks the cookies this response sets as Secure (those in the cookie jar and any raw header). */
    private static void secureCookies(RoutingContext rc, MultiMap headers) {
        for (Cookie c : rc.request().cookies()) {
            if (c instanceof ServerCookie sc && sc.isChanged() && !c.isSecure()) {
                c.setSecure(true);
            }
        }
        List<String> raw = headers.getAll("Set-Cookie");
        if (!raw.isEmpty()) {
            headers.remove("Set-Cookie");
            for (String value : raw) {
                headers.add("Set-Cookie", value.toLowerCase().contains("; secure") ? value : value + "; Secure");
            }
        }
    }
}
