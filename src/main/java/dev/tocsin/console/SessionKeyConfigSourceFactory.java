package dev.tocsin.console;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code quarkus.http.auth.session.encryption-key} when no higher source sets it: from
 * {@code tocsin.console.session-key} (env TOCSIN_CONSOLE_SESSION_KEY), otherwise from a key file
 * generated once under the data directory, so console sessions survive a restart. The key is
 * looked up lazily and never listed, so a build never sees it.
 */
public class SessionKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String QUARKUS_KEY = "quarkus.http.auth.session.encryption-key";
    static final String TOCSIN_KEY = "tocsin.console.session-key";
    static final String KEY_FILE = "secrets/console-session.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue configured = context.getValue(TOCSIN_KEY);
        ConfigValue dataDir = context.getValue("tocsin.data-dir");
        String fixed = configured == null ? null : configured.getValue();
        Path dir = Path.of(dataDir == null || dataDir.getValue() == null ? "tocsin-data" : dataDir.getValue());
        return List.of(new Source(fixed, dir));
    }

    /** Reads the key file under {@code dataDir}, creating it with a fresh random key if absent. */
    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.writeString(Files.createFile(file), key, StandardCharsets.US_ASCII);
                    restrictToOwner(file);
                } catch (FileAlreadyExistsException raced) {
                    // Another instance on the same data directory wrote it first: use theirs.
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the console session key " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's access control.
        }
    }

    private static final class Source implements ConfigSource {
        private final String fixed;
        private final Path dataDir;
        private volatile String key;

        Source(String fixed, Path dataDir) {
            this.fixed = fixed;
            this.dataDir = dataDir;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (!QUARKUS_KEY.equals(propertyName)) {
                return null;
            }
            if (fixed != null && !fixed.isBlank()) {
                return fixed;
            }
            String k = key;
            if (k == null) {
                k = loadOrCreate(dataDir);
                key = k;
            }
            return k;
        }

        @Override
        public String getName() {
            return "tocsin-console-session-key";
        }

        @Override
        public int getOrdinal() {
            // Below application.properties (250) and the environment (300): an explicit
            // quarkus.http.auth.session.encryption-key always wins.
            return 150;
        }
    }
}
