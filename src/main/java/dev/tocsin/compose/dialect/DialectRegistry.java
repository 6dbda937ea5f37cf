package dev.tocsin.compose.dialect;

import dev.tocsin.compose.ComposeConfig;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The dialect profiles, read once at start-up from {@code tocsin.compose.dialects-dir} (every
 * {@code *.dialect} file), or, when that directory does not exist, from the copies packaged
 * on the classpath under {@code audio-templates/dialects/} (listed in its {@code INDEX}).
 * A malformed file fails the boot with the file and line. Edit the files and restart to
 * change wording; no rebuild is needed.
 */
@Startup
@ApplicationScoped
public class DialectRegistry {

    private static final Logger LOG = Logger.getLogger(DialectRegistry.class);
    static final String CLASSPATH_DIR = "audio-templates/dialects/";

    /** Profile used when a request names no dialect, per language. */
    private static final Map<String, String> DEFAULTS = Map.of("zh-CN", "mandarin", "en", "en");

    private final Map<String, DialectProfile> profiles;

    @Inject
    DialectRegistry(ComposeConfig config) {
        this(load(Path.of(config.dialectsDir())));
    }

    public DialectRegistry(List<DialectProfile> profiles) {
        Map<String, DialectProfile> byId = new LinkedHashMap<>();
        for (DialectProfile p : profiles) {
            DialectProfile previous = byId.putIfAbsent(p.id(), p);
            if (previous != null) {
                throw new DialectFileException(
                        p.source(), 0, "dialect id '" + p.id() + "' is also used by " + previous.source());
            }
        }
        this.profiles = byId;
    }

    /** Reads the directory if it exists, else the packaged copies. */
    public static List<DialectProfile> load(Path dir) {
        List<DialectProfile> loaded = Files.isDirectory(dir) ? fromDirectory(dir) : fromClasspath();
        LOG.infof(
                "Loaded %d dialect profiles from %s: %s",
                loaded.size(),
                Files.isDirectory(dir) ? dir.toAbsolutePath() : "classpath " + CLASSPATH_DIR,
                loaded.stream().map(DialectProfile::id).toList());
        return loaded;
    }

    static List<DialectProfile> fromDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<DialectProfile> result = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".dialect"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                result.add(DialectFile.parse(f.toString(), Files.readAllLines(f, StandardCharsets.UTF_8)));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dialect directory " + dir, e);
        }
    }

    static List<DialectProfile> fromClasspath() {
        List<DialectProfile> result = new ArrayList<>();
        for (String name : read(CLASSPATH_DIR + "INDEX")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList()) {
            result.add(DialectFile.parse(
                    "classpath:" + CLASSPATH_DIR + name,
                    read(CLASSPATH_DIR + name).lines().toList()));
        }
        return result;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new DialectFileException("classpath:" + resource, 0, "not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<DialectProfile> list() {
        return List.copyOf(profiles.values());
    }

    public Optional<DialectProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /**
     * The profile to use for a language: the named one, which must exist and speak that
     * language, or the language's default when none is named.
     */
    public DialectProfile resolve(String dialectId, String language) {
        String id = dialectId == null || dialectId.isBlank() ? DEFAULTS.get(language) : dialectId;
        DialectProfile p = id == null ? null : profiles.get(id);
        if (p == null) {
            throw ProblemException.badRequest("dialect", "unknown dialect '" + id + "'; known: " + profiles.keySet());
        }
        if (!p.language().equals(language)) {
            throw ProblemException.badRequest(
                    "dialect", "dialect '" + id + "' is for language " + p.language() + ", not " + language);
        }
        return p;
    }
}
