package dev.tocsin.console;

import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the console session cookie the way the form mechanism does, so that the sign-in page can
 * tell a person whose session has ended from one who simply has not signed in yet.
 */
@ApplicationScoped
public class SessionCookies {

    private final PersistentLoginManager reader;
    private final String cookieName;
    private final ConsoleSessions sessions;

    SessionCookies(
            @ConfigProperty(name = SessionKeyConfigSourceFactory.QUARKUS_KEY) String key,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName,
            @ConfigProperty(name = "quarkus.http.auth.form.timeout") Duration timeout,
            ConsoleSessions sessions) {
        this.cookieName = cookieName;
        this.sessions = sessions;
        this.reader = new PersistentLoginManager(
                key, cookieName, timeout.toMillis(), timeout.toMillis(), true, "STRICT", "/", -1, null);
    }

    String name() {
        return cookieName;
    }

    /** True when the request carries a session cookie that no longer opens the console. */
    boolean carriesEndedSession(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(cookieName);
        if (cookie == null) {
            return false;
        }
        PersistentLoginManager.RestoreResult restored = reader.restore(rc);
        return restored == null || !sessions.live(restored.getPrincipal());
    }
}
