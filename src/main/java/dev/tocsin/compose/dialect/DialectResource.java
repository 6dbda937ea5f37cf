package dev.tocsin.compose.dialect;

import dev.tocsin.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** The dialect profiles loaded at start-up. */
@Path("/api/dialects")
@RolesAllowed({Role.OPERATOR_NAME, Role.APPROVER_NAME, Role.ADMIN_NAME})
public class DialectResource {

    private final DialectRegistry registry;

    DialectResource(DialectRegistry registry) {
        this.registry = registry;
    }

    public record DialectView(String id, String name, String language, int lexiconEntries) {}

    @GET
    public List<DialectView> list() {
        return registry.list().stream()
                .map(p -> new DialectView(
                        p.id(), p.name(), p.language(), p.lexicon().size()))
                .toList();
    }
}
