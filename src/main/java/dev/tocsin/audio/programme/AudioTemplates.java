package dev.tocsin.audio.programme;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.programme.ProgrammeTemplate.Segment;
import dev.tocsin.audio.speech.PhraseBank;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Everything under the audio templates folder (or its copy packaged in the application),
 * loaded and validated once:
 * {@code voices/<profile>.properties}, {@code programmes/<id>.programme} and
 * {@code phrases/<bank>/index.tsv}. Any problem throws {@link IllegalStateException} naming
 * the file (and line), which stops start-up instead of failing a broadcast later.
 */
public record AudioTemplates(
        Map<String, VoiceProfile> profiles,
        Map<String, ProgrammeTemplate> programmes,
        Map<String, PhraseBank> phraseBanks) {

    /** Where the templates are packaged in the application (a copy of the top-level folder). */
    public static final String CLASSPATH_ROOT = "audio-templates";

    private static final String CLASSPATH_MARKER = CLASSPATH_ROOT + "/README.md";

    /**
     * Loads the folder when it exists; otherwise, if {@code classpathFallback}, the copy packaged
     * in the application, so the service boots from any working directory.
     */
    public static AudioTemplates load(Path dir, boolean classpathFallback) {
        return Files.isDirectory(dir) || !classpathFallback ? load(dir) : loadPackaged();
    }

    /** The templates packaged on the class path (a directory in development, a jar when packaged). */
    public static AudioTemplates loadPackaged() {
        URL marker = Thread.currentThread().getContextClassLoader().getResource(CLASSPATH_MARKER);
        if (marker == null) {
            throw new IllegalStateException("audio templates folder not found and no packaged copy on the class path ("
                    + CLASSPATH_MARKER + ")");
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("file")) {
                return load(Path.of(uri).getParent());
            }
            if (!uri.getScheme().equals("jar")) {
                throw new IllegalStateException("cannot read packaged audio templates from " + uri);
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                // Everything is read into memory here, so the jar can be closed afterwards.
                return load(jar.provider().getPath(uri).getParent());
            } catch (FileSystemAlreadyExistsException e) {
                return load(
                        FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(
                    "cannot read packaged audio templates at " + marker + ": " + e.getMessage(), e);
        }
    }

    public static AudioTemplates load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("audio templates folder not found: " + root.toAbsolutePath());
        }
        Map<String, PhraseBank> banks = new LinkedHashMap<>();
        for (Path dir : list(root.resolve("phrases"), Files::isDirectory)) {
            String id = dir.getFileName().toString();
            banks.put(id, PhraseBank.load(id, dir));
        }
        Map<String, VoiceProfile> profiles = new LinkedHashMap<>();
        for (Path file : list(root.resolve("voices"), p -> p.toString().endsWith(".properties"))) {
            VoiceProfile profile = profile(file, banks);
            profiles.put(profile.id(), profile);
        }
        Map<String, ProgrammeTemplate> programmes = new LinkedHashMap<>();
        for (Path file : list(root.resolve("programmes"), p -> p.toString().endsWith(".programme"))) {
            ProgrammeTemplate programme = programme(file, root);
            programmes.put(programme.id(), programme);
        }
        if (profiles.isEmpty() || programmes.isEmpty()) {
            throw new IllegalStateException(
                    root.toAbsolutePath() + " needs at least one voices/*.properties and one programmes/*.programme");
        }
        return new AudioTemplates(Map.copyOf(profiles), Map.copyOf(programmes), Map.copyOf(banks));
    }

    public Optional<VoiceProfile> profile(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public Optional<ProgrammeTemplate> programme(String id) {
        return Optional.ofNullable(programmes.get(id));
    }

    public PhraseBank phraseBank(VoiceProfile profile) {
        return profile.phraseBank().map(phraseBanks::get).orElseGet(() -> PhraseBank.empty("none"));
    }

    private static VoiceProfile profile(Path file, Map<String, PhraseBank> banks) {
        String id = baseName(file, ".properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read voice profile " + file + ": " + e.getMessage(), e);
        }
        try {
            List<String> engines = Arrays.stream(required(p, "engines").split(","))
                    .map(String::strip)
                    .toList();
            Map<String, String> voices = new LinkedHashMap<>();
            for (String engine : engines) {
                voices.put(engine, required(p, "voice." + engine));
            }
            Optional<String> bank =
                    Optional.ofNullable(p.getProperty("phrase-bank")).map(String::strip);
            if (bank.isPresent() && !banks.containsKey(bank.get())) {
                throw new IllegalArgumentException(
                        "phrase-bank '" + bank.get() + "' has no folder phrases/" + bank.get());
            }
            VoiceProfile profile = new VoiceProfile(
                    id,
                    required(p, "name"),
                    engines,
                    voices,
                    integer(p, "rate", 60, 400),
                    integer(p, "pitch", 0, 99),
                    integer(p, "pitch-range", 0, 99),
                    integer(p, "sentence-pause-ms", 0, 5000),
                    integer(p, "repeat-count", 1, 5),
                    bank,
                    required(p, "opening"),
                    required(p, "closing"),
                    sha256(Files.readAllBytes(file)));
            engines.forEach(profile::settingsFor);
            return profile;
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalStateException("invalid voice profile " + file + ": " + e.getMessage(), e);
        }
    }

    private static ProgrammeTemplate programme(Path file, Path root) {
        String id = baseName(file, ".programme");
        List<String> lines;
        MessageDigest digest = digest();
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            digest.update(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read programme " + file + ": " + e.getMessage(), e);
        }
        Map<Urgency, List<Segment>> variants = new EnumMap<>(Urgency.class);
        List<Segment> current = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (n + 1) + ": ";
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                Urgency severity = Urgency.parse(name)
                        .orElseThrow(() ->
                                new IllegalStateException(where + "unknown severity [" + name + "], expected one of "
                                        + Arrays.toString(Urgency.values()).toLowerCase()));
                current = new ArrayList<>();
                variants.put(severity, current);
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(where + "segment before any [routine]/[urgent] section");
            }
            current.add(segment(line.split("\\s+"), where, root, digest));
        }
        for (Urgency s : Urgency.values()) {
            List<Segment> segments = variants.get(s);
            if (segments == null || segments.stream().noneMatch(seg -> seg instanceof ProgrammeTemplate.Body)) {
                throw new IllegalStateException(
                        file + ": section [" + s.id() + "] missing or without a 'body' segment");
            }
            variants.put(s, List.copyOf(segments));
        }
        return new ProgrammeTemplate(id, variants, HexFormat.of().formatHex(digest.digest()));
    }

    private static Segment segment(String[] w, String where, Path root, MessageDigest digest) {
        try {
            return switch (w[0]) {
                case "opening" -> new ProgrammeTemplate.Opening();
                case "body" -> new ProgrammeTemplate.Body();
                case "closing" -> new ProgrammeTemplate.Closing();
                case "repeat" -> new ProgrammeTemplate.Repeat(w.length > 1 ? bounded(w[1], 1, 5) : 0);
                case "pause" -> new ProgrammeTemplate.Pause(bounded(w[1], 0, 10_000));
                case "chime" -> chime(w, where, root, digest);
                default ->
                    throw new IllegalArgumentException(
                            "unknown segment '" + w[0] + "' (expected chime, opening, body, repeat, pause, closing)");
            };
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    where
                            + (e instanceof ArrayIndexOutOfBoundsException
                                    ? "missing argument for '" + w[0] + "'"
                                    : e.getMessage()),
                    e);
        }
    }

    private static Segment chime(String[] w, String where, Path root, MessageDigest digest) {
        if (w[1].equals("clip")) {
            Path clip = root.resolve(w[2]).normalize();
            if (!clip.startsWith(root.normalize()) || !Files.isRegularFile(clip)) {
                throw new IllegalStateException(where + "chime clip file not found: " + clip);
            }
            try {
                byte[] bytes = Files.readAllBytes(clip);
                digest.update(bytes);
                return new ProgrammeTemplate.Clip(w[2], Wav.read(bytes));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException(where + "chime clip " + clip + " unreadable: " + e.getMessage(), e);
            }
        }
        if (!w[1].equals("tones") || w.length < 3) {
            throw new IllegalArgumentException("expected 'chime tones <hz>:<ms> ...' or 'chime clip <file.wav>'");
        }
        List<ProgrammeTemplate.Tone> tones = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(w, 2, w.length)) {
            String[] hzMs = spec.split(":");
            if (hzMs.length != 2) {
                throw new IllegalArgumentException("tone '" + spec + "' is not <hz>:<ms>");
            }
            tones.add(new ProgrammeTemplate.Tone(bounded(hzMs[0], 100, 4000), bounded(hzMs[1], 20, 3000)));
        }
        return new ProgrammeTemplate.Tones(List.copyOf(tones));
    }

    private static int bounded(String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is outside " + min + ".." + max);
        }
        return v;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v.strip();
    }

    private static int integer(Properties p, String key, int min, int max) {
        try {
            return bounded(required(p, key), min, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String baseName(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }
}
