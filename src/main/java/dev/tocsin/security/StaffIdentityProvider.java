package dev.tocsin.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks HTTP Basic and form credentials against the staff accounts in the database. */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final StaffService staff;

    StaffIdentityProvider(StaffService staff) {
        this.staff = staff;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> verify(username, password));
    }

    private SecurityIdentity verify(String username, String password) {
        StaffService.Account account =
                staff.authenticate(username, password).orElseThrow(AuthenticationFailedException::new);
        QuarkusSecurityIdentity.Builder b =
                QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.username()));
        account.roles().forEach(r -> b.addRole(r.id()));
        return b.build();
    }
}
