package dev.tocsin.console;

import dev.tocsin.security.StaffService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a console session cookie (which carries only the session id) back into an identity when
 * {@link ConsoleSessions} still knows the session, reading roles and the enabled flag afresh.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final StaffService staff;
    private final ConsoleSessions sessions;

    SessionIdentityProvider(StaffService staff, ConsoleSessions sessions) {
        this.staff = staff;
        this.sessions = sessions;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            StaffService.Account account = sessions.resume(request.getPrincipal())
                    .flatMap(staff::find)
                    .filter(StaffService.Account::enabled)
                    .orElseThrow(AuthenticationFailedException::new);
            QuarkusSecurityIdentity.Builder b =
                    QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username()));
            account.roles().forEach(r -> b.addRole(r.id()));
            return b.build();
        });
    }
}
