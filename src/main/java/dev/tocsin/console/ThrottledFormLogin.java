package dev.tocsin.console;

import dev.tocsin.security.StaffIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wraps the staff check for console form sign-ins with {@link LoginThrottle}: asked before
 * {@link StaffIdentityProvider} (higher priority), it answers form posts itself and passes every
 * other request (HTTP Basic on the API) on by returning no identity.
 */
@ApplicationScoped
public class ThrottledFormLogin implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The login page shows the throttling message when the failure redirect carries this. */
    static final String THROTTLED_ERROR = "throttled";

    private final StaffIdentityProvider staff;
    private final LoginThrottle throttle;

    ThrottledFormLogin(StaffIdentityProvider staff, LoginThrottle throttle) {
        this.staff = staff;
        this.throttle = throttle;
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
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (rc == null || !rc.normalizedPath().endsWith("/j_security_check")) {
            return Uni.createFrom().nullItem();
        }
        String username = request.getUsername();
        String address = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
        if (throttle.blocked(username, address)) {
            redirectFailureTo(rc, "/console/login?error=" + THROTTLED_ERROR);
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins"));
        }
        return staff.authenticate(request, context)
                .onItem().invoke(identity -> throttle.succeeded(username, address))
                .onFailure().invoke(e -> throttle.failed(username, address));
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
