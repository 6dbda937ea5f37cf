package dev.tocsin.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Set;
import java.util.TreeSet;

/** Who the caller is signed in as, and with which roles. */
@Path("/api/me")
@Authenticated
public class MeResource {

    public record Me(String username, Set<String> roles) {}

    private final SecurityIdentity identity;

    MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Me me() {
        return new Me(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }
}
