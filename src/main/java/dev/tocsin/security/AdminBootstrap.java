package dev.tocsin.security;

import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.db.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Once the schema is ready on a database with no users, creates "admin" with TOCSIN_ADMIN_PASSWORD, or with a random
 * password printed once to the log. Runs again harmlessly on every start.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    void onSchemaReady(@Observes SchemaReady event, StaffService staff, TocsinConfig config) {
        Optional<String> adminPassword = config.adminPassword();
        String password = adminPassword.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::randomPassword);
        // A failure (database gone, or another instance creating it at the same moment) is
        // retried by SchemaMigrator; the second attempt then finds the admin and does nothing.
        if (staff.createFirstAdmin(password)) {
            if (adminPassword.filter(p -> !p.isBlank()).isPresent()) {
                LOG.info("Created the first admin account 'admin' with the password from TOCSIN_ADMIN_PASSWORD");
            } else {
                LOG.warnf(
                        "Created the first admin account 'admin' with generated password: %s "
                                + "(shown once; change it, or set TOCSIN_ADMIN_PASSWORD before first start)",
                        password);
            }
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
