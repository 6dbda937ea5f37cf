package dev.tocsin.console;

import dev.tocsin.platform.problem.ProblemMappers;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Security refusals on console pages are pages, not problem+json: an anonymous visitor is sent
 * to the login page (the form mechanism's challenge, which remembers where they were going), a
 * signed-in user without the role sees a 403 page. Everything outside /console keeps the API's
 * problem+json answers from {@link ProblemMappers}.
 */
@Singleton
public class ConsoleErrors {

    private final ConsoleView view;
    private final ProblemMappers problems = new ProblemMappers();

    ConsoleErrors(ConsoleView view) {
        this.view = view;
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance refused(Chrome chrome, int status, String kind);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext rc) {
        return isConsole(rc) ? challenge(rc) : Uni.createFrom().item(problems.unauthorized(e));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext rc) {
        return isConsole(rc) ? challenge(rc) : Uni.createFrom().item(problems.authenticationFailed(e));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e, RoutingContext rc) {
        return isConsole(rc) ? page(403, "forbidden") : problems.forbidden(e);
    }

    Response csrfRefused() {
        return page(403, "csrf");
    }

    private Response page(int status, String kind) {
        String html =
                view.render(Templates.refused(view.chrome(""), status, kind)).render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build();
    }

    private static Uni<Response> challenge(RoutingContext rc) {
        HttpAuthenticator authenticator = rc.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom()
                    .item(Response.seeOther(java.net.URI.create("/console/login"))
                            .build());
        }
        return authenticator.getChallenge(rc).map(ConsoleErrors::toResponse);
    }

    private static Response toResponse(ChallengeData challenge) {
        Response.ResponseBuilder b = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> b.header(name.toString(), value));
        return b.build();
    }

    private static boolean isConsole(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path.equals("/console") || path.startsWith("/console/");
    }
}
