package dev.tocsin.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On first start with no users, creates "admin" with TOCSIN_ADMIN_PASSWORD, or with a random
 * password printed once to the log. Runs again harmlessly on every start.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @ConfigProperty(name = "tocsin.admin-password")
    Optional<String> adminPassword;

    void onStart(@Observes StartupEvent event, StaffService staff) {
        String password = adminPassword.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::randomPassword);
        try {
            if (staff.createFirstAdmin(password)) {
                if (adminPassword.filter(p -> !p.isBlank()).isPresent()) {
                    LOG.info("Created the first admin account 'admin' with the password from TOCSIN_ADMIN_PASSWORD");
                } else {
                    LOG.warnf("Created the first admin account 'admin' with generated password: %s "
                            + "(shown once; change it, or set TOCSIN_ADMIN_PASSWORD before first start)", password);
                }
            }
        } catch (RuntimeException e) {
            // Another instance created it at the same moment, or the database is down: the
            // readiness check reports the latter; the former needs nothing.
            LOG.warnf("Admin bootstrap skipped: %s", e.getMessage());
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
