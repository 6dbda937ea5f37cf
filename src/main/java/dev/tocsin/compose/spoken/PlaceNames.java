package dev.tocsin.compose.spoken;

import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.Problem;
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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The district's place names and their readings: the packaged file
 * ({@code audio-templates/pronunciations/place-names.tsv}) plus the names staff added, kept in
 * {@code <data-dir>/pronunciations/place-names.tsv}. A place name is read as listed and is never
 * rewritten by a dialect. Built at start-up so that the engines' readings include the staff's
 * additions before the first render.
 */
@Startup
@ApplicationScoped
public class PlaceNames {

    static final String CLASSPATH = "audio-templates/pronunciations/place-names.tsv";
    private static final Pattern SYLLABLE = Pattern.compile("[a-z]+[1-5]");
    private static final int MAX_NAME = 20;

    public record PlaceName(String name, String pinyin) {}

    /**
     * A name as the dictionary lists it: {@code staff} when staff added it (or corrected a packaged
     * name; then {@code packagedPinyin} is the reading removing the correction brings back).
     */
    public record Entry(String name, String pinyin, boolean staff, String packagedPinyin) {}

    private final Map<String, String> readings = new ConcurrentHashMap<>();
    private final Map<String, String> packaged = new ConcurrentHashMap<>();
    private final Map<String, String> staff = new ConcurrentHashMap<>();
    private final Path added;

    @Inject
    PlaceNames(SpokenConfig config, TocsinConfig tocsin) {
        this(read(Path.of(config.placeNamesFile())), tocsin.dataDir().resolve("pronunciations/place-names.tsv"));
        publish();
    }

    /** For tests and tools: the given names, with additions written to {@code added} (null: kept in memory). */
    public PlaceNames(List<PlaceName> names, Path added) {
        this.added = added;
        for (PlaceName p : names) {
            readings.put(p.name(), p.pinyin());
            packaged.put(p.name(), p.pinyin());
        }
        if (added != null && Files.isRegularFile(added)) {
            // (staff additions override the packaged readings)
            try {
                for (PlaceName p : parse(added.toString(), Files.readAllLines(added, StandardCharsets.UTF_8))) {
                    readings.put(p.name(), p.pinyin());
                    staff.put(p.name(), p.pinyin());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + added, e);
            }
        }
    }

    /** Makes these the place names every reading uses (the engines read through {@link Readings}). */
    void publish() {
        Readings.usePlaceNames(readings);
    }

    public static PlaceNames packaged() {
        return new PlaceNames(read(Path.of(CLASSPATH)), null);
    }

    /** Name to space-separated tone-number pinyin. */
    public Map<String, String> readings() {
        return Map.copyOf(readings);
    }

    public java.util.Set<String> names() {
        return readings.keySet();
    }

    public List<PlaceName> list() {
        return readings.entrySet().stream()
                .map(e -> new PlaceName(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(PlaceName::name))
                .toList();
    }

    /** Every name with where it comes from, staff additions first, then by name. */
    public List<Entry> entries() {
        return readings.entrySet().stream()
                .map(e -> new Entry(
                        e.getKey(),
                        e.getValue(),
                        staff.containsKey(e.getKey()),
                        staff.containsKey(e.getKey()) ? packaged.get(e.getKey()) : null))
                .sorted(java.util.Comparator.comparing((Entry e) -> !e.staff()).thenComparing(Entry::name))
                .toList();
    }

    /**
     * Removes a name staff added (a packaged name falls back to its packaged reading).
     *
     * @return the packaged entry that now applies, or empty when the name is gone
     * @throws ProblemException 404 when staff did not add {@code name}; 409 when it is packaged only
     */
    public synchronized java.util.Optional<PlaceName> remove(String name) {
        String n = name == null ? "" : name.strip();
        if (!staff.containsKey(n)) {
            if (packaged.containsKey(n)) {
                throw new ProblemException(Problem.forField(
                        409,
                        "Packaged place name",
                        "name",
                        "'" + n + "' comes with the application (" + CLASSPATH
                                + "); correct its reading instead of removing it"));
            }
            throw new ProblemException(Problem.forField(
                    404, "Place name not found", "name", "no place name '" + n + "' was added by staff"));
        }
        if (added != null) {
            try {
                List<String> kept = new ArrayList<>();
                for (PlaceName p : parse(added.toString(), Files.readAllLines(added, StandardCharsets.UTF_8))) {
                    if (!p.name().equals(n)) {
                        kept.add(p.name() + "\t" + p.pinyin());
                    }
                }
                Path tmp = added.resolveSibling(added.getFileName() + ".tmp");
                Files.write(tmp, kept, StandardCharsets.UTF_8);
                Files.move(
                        tmp,
                        added,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new ProblemException(
                        Problem.of(500, "Place name not removed", "cannot write " + added.getFileName()));
            }
        }
        staff.remove(n);
        String back = packaged.get(n);
        if (back == null) {
            readings.remove(n);
        } else {
            readings.put(n, back);
        }
        publish();
        return back == null ? java.util.Optional.empty() : java.util.Optional.of(new PlaceName(n, back));
    }

    /**
     * Adds or corrects a place name, kept across restarts.
     *
     * @throws ProblemException 400 naming {@code name} or {@code pinyin}
     */
    public synchronized PlaceName add(String name, String pinyin) {
        PlaceName p = validated(name, pinyin);
        if (added != null) {
            try {
                Files.createDirectories(added.getParent());
                Files.writeString(
                        added,
                        p.name() + "\t" + p.pinyin() + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new ProblemException(
                        Problem.of(500, "Place name not saved", "cannot write " + added.getFileName()));
            }
        }
        readings.put(p.name(), p.pinyin());
        staff.put(p.name(), p.pinyin());
        publish();
        return p;
    }

    static PlaceName validated(String name, String pinyin) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        String py = pinyin == null
                ? ""
                : pinyin.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (n.isEmpty()
                || n.length() > MAX_NAME
                || !n.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            errors.add(new Problem.FieldError("name", "must be 1-" + MAX_NAME + " Chinese characters"));
        } else {
            String[] syllables = py.isEmpty() ? new String[0] : py.split(" ");
            boolean wellFormed = java.util.Arrays.stream(syllables)
                    .allMatch(s -> SYLLABLE.matcher(s).matches());
            if (!wellFormed || syllables.length != n.codePointCount(0, n.length())) {
                errors.add(new Problem.FieldError(
                        "pinyin",
                        "must be one tone-numbered syllable (like ci2) per character, "
                                + n.codePointCount(0, n.length()) + " in all, separated by spaces"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new PlaceName(n, py);
    }

    static List<PlaceName> read(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CLASSPATH)) {
                if (in == null) {
                    return List.of();
                }
                return parse(
                        "classpath:" + CLASSPATH,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                .lines()
                                .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read place names " + file, e);
        }
    }

    static List<PlaceName> parse(String file, List<String> lines) {
        List<PlaceName> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": expected 'name<TAB>pinyin'");
            }
            try {
                out.add(validated(cols[0], cols[1]));
            } catch (ProblemException e) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
