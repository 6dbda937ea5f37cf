package dev.tocsin.console;

import dev.tocsin.sandbox.SandboxGate;
import dev.tocsin.security.Role;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Per-request facts every console page needs: the language, the signed-in user and the CSRF
 * token. Resources ask it for the {@link Chrome} and render through {@link #render}.
 */
@RequestScoped
public class ConsoleView {

    static final String CSRF_COOKIE = "tocsin-csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext rc;
    private final SecurityIdentity identity;
    private final ConsoleConfig config;
    private final SandboxGate sandbox;
    private String csrf;

    ConsoleView(RoutingContext rc, SecurityIdentity identity, ConsoleConfig config, SandboxGate sandbox) {
        this.rc = rc;
        this.identity = identity;
        this.config = config;
        this.sandbox = sandbox;
    }

    public ConsoleLanguage language() {
        Cookie chosen = rc.request().getCookie(ConsoleLanguage.COOKIE);
        return ConsoleLanguage.ofTag(chosen == null ? null : chosen.getValue())
                .or(() -> ConsoleLanguage.fromAcceptLanguage(rc.request().getHeader("Accept-Language")))
                .or(() -> ConsoleLanguage.ofTag(config.defaultLanguage()))
                .orElse(ConsoleLanguage.ZH_CN);
    }

    public Chrome chrome(String active) {
        boolean anonymous = identity.isAnonymous();
        String query = rc.request().query();
        String path = rc.request().path() + (query == null || query.isEmpty() ? "" : "?" + query);
        return new Chrome(
                anonymous ? null : identity.getPrincipal().getName(),
                identity.hasRole(Role.OPERATOR_NAME),
                identity.hasRole(Role.APPROVER_NAME),
                identity.hasRole(Role.ADMIN_NAME),
                language(),
                path,
                csrfToken(),
                active,
                sandbox.enabled());
    }

    /** Sets the page's language on a template instance. */
    public TemplateInstance render(TemplateInstance page) {
        return page.setLocale(language().locale());
    }

    /**
     * The double-submit token: kept in an HttpOnly cookie limited to the console and repeated in
     * every form; {@link CsrfFilter} refuses an unsafe request whose two copies differ.
     */
    public String csrfToken() {
        if (csrf != null) {
            return csrf;
        }
        Cookie existing = rc.request().getCookie(CSRF_COOKIE);
        if (existing != null && CsrfFilter.wellFormed(existing.getValue())) {
            csrf = existing.getValue();
        } else {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            rc.response()
                    .addCookie(Cookie.cookie(CSRF_COOKIE, csrf)
                            .setPath("/console")
                            .setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT)
                            .setSecure(rc.request().isSSL()));
        }
        return csrf;
    }
}
