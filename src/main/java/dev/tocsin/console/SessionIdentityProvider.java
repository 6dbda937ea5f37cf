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
 * Turns a valid console session cookie (which carries only the user name) back into an
 * identity, reading roles and the enabled flag afresh: a disabled account or a changed role
 * takes effect on the next request, not when the session expires.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final StaffService staff;

    SessionIdentityProvider(StaffService staff) {
        this.staff = staff;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            StaffService.Account account = staff.find(request.getPrincipal())
                    .filter(StaffService.Account::enabled)
                    .orElseThrow(AuthenticationFailedException::new);
            QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(account.username()));
            account.roles().forEach(r -> b.addRole(r.id()));
            return b.build();
        });
    }
}
