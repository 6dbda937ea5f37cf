package dev.tocsin.console;

import dev.tocsin.platform.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps an uploaded CSV (residents, the 叫应 roster) between its dry run and the commit the operator confirms, so
 * the commit imports exactly the file the report was made from. Files live under
 * {@code ${tocsin.data-dir}/console-imports} for an hour (per instance) and are removed once committed.
 */
@ApplicationScoped
public class ImportUploads {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final Duration KEEP = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;
    private final Map<String, Long> rows = new ConcurrentHashMap<>();

    ImportUploads(TocsinConfig tocsin, Clock clock) {
        this.dir = tocsin.dataDir().resolve("console-imports");
        this.clock = clock;
    }

    /** Keeps the file and its dry run's row count (the total a commit's progress counts up to). */
    public String keep(Path upload, long rowCount) {
        try {
            Files.createDirectories(dir);
            evictOld();
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Files.copy(upload, dir.resolve(token + ".csv"), StandardCopyOption.REPLACE_EXISTING);
            rows.put(token, rowCount);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Path> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Path p = dir.resolve(token + ".csv");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The kept file's row count from its dry run; 0 when not known here. */
    public long rows(String token) {
        return token == null ? 0 : rows.getOrDefault(token, 0L);
    }

    public void forget(String token) {
        find(token).ifPresent(p -> p.toFile().delete());
        if (token != null) {
            rows.remove(token);
        }
    }

    private void evictOld() throws IOException {
        long horizon = clock.millis() - KEEP.toMillis();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.toFile().lastModified() < horizon).forEach(p -> {
                p.toFile().delete();
                rows.remove(p.getFileName().toString().replace(".csv", ""));
            });
        }
    }
}
