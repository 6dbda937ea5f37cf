package dev.tocsin.console;

import dev.tocsin.security.StaffIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wraps the staff check for console form sign-ins with {@link LoginThrottle}: asked before
 * {@link StaffIdentityProvider} (higher priority), it answers form posts itself and passes every
 * other request (HTTP Basic on the API) on by returning no identity. A successful sign-in starts
 * a new {@link ConsoleSessions session}: the identity handed back to the form mechanism is named
 * by the session id, which is what the mechanism writes into the encrypted cookie. Refused
 * sign-ins go to the audit trail.
 */
@ApplicationScoped
public class ThrottledFormLogin implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The login page shows the throttling message when the failure redirect carries this. */
    static final String THROTTLED_ERROR = "throttled";

    private final StaffIdentityProvider staff;
    private final LoginThrottle throttle;
    private final ConsoleSessions sessions;

    ThrottledFormLogin(StaffIdentityProvider staff, LoginThrottle throttle, ConsoleSessions sessions) {
        this.staff = staff;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return staff.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null || !rc.normalizedPath().endsWith("/j_security_check")) {
            return Uni.createFrom().nullItem();
        }
        String username = request.getUsername();
        String address = rc.request().remoteAddress() == null
                ? "unknown"
                : rc.request().remoteAddress().host();
        if (throttle.blocked(username, address)) {
            redirectFailureTo(rc, "/console/login?error=" + THROTTLED_ERROR);
            return context.runBlocking(() -> {
                sessions.signInRefused(username, address, "throttled");
                throw new AuthenticationFailedException("too many failed sign-ins");
            });
        }
        return staff.authenticate(request, context)
                .onItem()
                .invoke(identity -> throttle.succeeded(username, address))
                .onItem()
                .transformToUni(identity -> context.runBlocking(() -> {
                    String session = sessions.start(identity.getPrincipal().getName(), address);
                    QuarkusSecurityIdentity.Builder b =
                            QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(session));
                    identity.getRoles().forEach(b::addRole);
                    return (SecurityIdentity) b.build();
                }))
                .onFailure(AuthenticationFailedException.class)
                .call(e -> {
                    throttle.failed(username, address);
                    return context.runBlocking(() -> {
                        sessions.signInRefused(username, address, "wrong credentials");
                        return null;
                    });
                });
    }

    /**
     * The form mechanism answers a failure with a redirect to the configured error page; for a
     * throttled sign-in the redirect goes to the page that explains the wait instead.
     */
    private static void redirectFailureTo(RoutingContext rc, String location) {
        rc.addHeadersEndHandler(v -> {
            if (rc.response().getStatusCode() == 302) {
                rc.response().putHeader("Location", location);
            }
        });
    }
}
