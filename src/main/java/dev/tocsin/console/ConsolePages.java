package dev.tocsin.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import org.jboss.resteasy.reactive.RestQuery;

/** The console's entry points: dashboard, sign-in and sign-out, and the language switch. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private final ConsoleView view;
    private final ConsoleOverview overview;
    private final DashboardFigures figures;
    private final LoginThrottle throttle;
    private final ConsoleSessions sessions;
    private final SessionCookies cookies;
    private final SecurityIdentity identity;

    ConsolePages(
            ConsoleView view,
            ConsoleOverview overview,
            DashboardFigures figures,
            LoginThrottle throttle,
            ConsoleSessions sessions,
            SessionCookies cookies,
            SecurityIdentity identity) {
        this.view = view;
        this.overview = overview;
        this.figures = figures;
        this.throttle = throttle;
        this.sessions = sessions;
        this.cookies = cookies;
        this.identity = identity;
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dashboard(
                Chrome chrome, ConsoleOverview.Counts counts, DashboardFigures.Figures figures);

        static native TemplateInstance login(Chrome chrome, String notice, long waitMinutes);
    }

    @GET
    @Authenticated
    public TemplateInstance dashboard() {
        return view.render(Templates.dashboard(view.chrome("dashboard"), overview.counts(), figures.figures()));
    }

    /**
     * {@code error=credentials} comes from the form mechanism's failure redirect,
     * {@code error=throttled} from {@link ThrottledFormLogin}; the latter answers 429. "Your
     * session has ended" is said only to a browser whose session cookie no longer opens the
     * console (the stale cookie is then dropped), never on a first visit.
     */
    @GET
    @Path("login")
    @PermitAll
    public Response login(@RestQuery String error, @RestQuery("out") String loggedOut, RoutingContext rc) {
        String notice = null;
        int status = 200;
        if (ThrottledFormLogin.THROTTLED_ERROR.equals(error)) {
            notice = "throttled";
            status = 429;
        } else if ("credentials".equals(error)) {
            notice = "failed";
            status = 401;
        } else if (loggedOut != null) {
            notice = "out";
        } else if (cookies.carriesEndedSession(rc)) {
            notice = "ended";
            rc.response()
                    .addCookie(Cookie.cookie(cookies.name(), "")
                            .setPath("/")
                            .setMaxAge(0)
                            .setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT));
        }
        String html = view.render(Templates.login(
                        view.chrome("login"), notice, throttle.window().toMinutes()))
                .render();
        Response.ResponseBuilder b = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html);
        if (status == 429) {
            b.header("Retry-After", throttle.window().toSeconds());
        }
        return b.build();
    }

    @POST
    @Path("logout")
    @Authenticated
    public Response logout(RoutingContext rc) {
        sessions.signOut(
                identity.getPrincipal().getName(),
                rc.request().remoteAddress() == null
                        ? null
                        : rc.request().remoteAddress().host());
        FormAuthenticationMechanism.logout(rc);
        return Response.seeOther(URI.create("/console/login?out=1")).build();
    }

    /** Switches the language (remembered in a cookie for a year) and goes back to the page. */
    @GET
    @Path("lang")
    @PermitAll
    public Response language(@RestQuery String to, @RestQuery String back, RoutingContext rc) {
        ConsoleLanguage.ofTag(to)
                .ifPresent(lang -> rc.response()
                        .addCookie(Cookie.cookie(ConsoleLanguage.COOKIE, lang.tag())
                                .setPath("/")
                                .setMaxAge(365L * 24 * 3600)
                                .setSameSite(CookieSameSite.LAX)
                                .setHttpOnly(true)));
        return Response.seeOther(backWithinConsole(back)).build();
    }

    /** Only a well-formed path inside the console; anything else (another site, bad characters) goes home. */
    static URI backWithinConsole(String back) {
        URI home = URI.create("/console");
        if (back == null
                || !(back.equals("/console") || back.startsWith("/console/") || back.startsWith("/console?"))) {
            return home;
        }
        try {
            URI uri = new URI(back);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? URI.create(uri.toASCIIString()) : home;
        } catch (URISyntaxException e) {
            return home;
        }
    }
}
