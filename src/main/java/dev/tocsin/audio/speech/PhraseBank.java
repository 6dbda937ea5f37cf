package dev.tocsin.audio.speech;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Recorded phrases of one dialect: {@code index.tsv} maps a text to a WAV clip in the same
 * folder. A {@link Kind#PHRASE} is matched anywhere in free text (longest first); a
 * {@link Kind#SLOT} is a building block (a digit, 摄氏度, 月, a place name) used only to assemble
 * a whole number, date, time or place name, so 一 is never cut out of 一定.
 * {@link #fingerprint()} hashes the index and every clip, so re-recording a phrase changes
 * every audio cache key that used the bank.
 */
public final class PhraseBank {

    public static final String INDEX = "index.tsv";

    public enum Kind {
        PHRASE,
        SLOT
    }

    /** One entry: its text, kind, audio and where it came from (a file name, "recording:<id>"). */
    public record Clip(String text, Kind kind, Pcm audio, String source) {
        public Clip {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("clip text must not be blank");
            }
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(audio, "audio");
            Objects.requireNonNull(source, "source");
        }
    }

    /** A stretch of spoken text (a number, date, time or place name): {@code start..end}. */
    public record Span(int start, int end) {}

    /** A piece of a sentence: a recorded phrase, a stretch said from slots, or text to synthesize. */
    public sealed interface Piece permits Recorded, Slots, ToSpeak {
        String text();
    }

    public record Recorded(String text, Pcm clip) implements Piece {}

    /** A whole stretch assembled from slot recordings, one clip per part, in order. */
    public record Slots(String text, List<Recorded> parts) implements Piece {}

    public record ToSpeak(String text) implements Piece {}

    private final String id;
    private final Map<String, Clip> entries;
    private final int longestPhrase;
    private final int longestSlot;
    private final String fingerprint;

    private PhraseBank(String id, Map<String, Clip> entries, String fingerprint) {
        this.id = id;
        this.entries = entries;
        this.longestPhrase = longest(entries, Kind.PHRASE);
        this.longestSlot = longest(entries, Kind.SLOT);
        this.fingerprint = fingerprint;
    }

    public static PhraseBank empty(String id) {
        return new PhraseBank(id, Map.of(), "empty");
    }

    /**
     * Loads {@code <dir>/index.tsv}: {@code text<TAB>clip.wav[<TAB>slot|phrase]} a line (no third
     * column: a phrase). A missing or unreadable clip fails with its file name.
     */
    public static PhraseBank load(String id, Path dir) {
        Path index = dir.resolve(INDEX);
        try {
            MessageDigest digest = sha256();
            Map<String, Clip> entries = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String where = index + ":" + (n + 1) + ": ";
                String[] cols = line.split("\t");
                if (cols.length < 2 || cols.length > 3 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalStateException(
                            where + "expected 'text<TAB>clip.wav' or 'text<TAB>clip.wav<TAB>slot'");
                }
                Kind kind = cols.length == 3 ? kind(cols[2], where) : Kind.PHRASE;
                Path clip = dir.resolve(cols[1].strip()).normalize();
                if (!clip.startsWith(dir.normalize()) || !Files.isRegularFile(clip)) {
                    throw new IllegalStateException(where + "clip file not found: " + clip);
                }
                byte[] bytes = Files.readAllBytes(clip);
                try {
                    String text = cols[0].strip();
                    entries.put(text, new Clip(text, kind, Wav.read(bytes), cols[1].strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(clip + ": " + e.getMessage(), e);
                }
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return new PhraseBank(id, Map.copyOf(entries), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read phrase bank " + index + ": " + e.getMessage(), e);
        }
    }

    private static Kind kind(String column, String where) {
        return switch (column.strip().toLowerCase(Locale.ROOT)) {
            case "slot" -> Kind.SLOT;
            case "phrase" -> Kind.PHRASE;
            default -> throw new IllegalStateException(where + "third column must be 'slot' or 'phrase'");
        };
    }

    /**
     * This bank with other recordings laid over it: an override replaces the entry of the same
     * text or adds one. The fingerprint hashes this bank's, {@code overridesFingerprint} and every
     * override (text, kind, source, samples), so any change to them gives new content keys.
     */
    public PhraseBank withClips(List<Clip> overrides, String overridesFingerprint) {
        Map<String, Clip> merged = new LinkedHashMap<>(entries);
        MessageDigest digest = sha256();
        digest.update((fingerprint + "\n" + overridesFingerprint + "\n").getBytes(StandardCharsets.UTF_8));
        for (Clip c : overrides) {
            merged.put(c.text(), c);
            digest.update((c.text() + "\t" + c.kind() + "\t" + c.source() + "\t"
                            + c.audio().sampleRate() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            ByteBuffer samples = ByteBuffer.allocate(c.audio().length() * Float.BYTES);
            samples.asFloatBuffer().put(c.audio().samples());
            digest.update(samples);
        }
        return new PhraseBank(id, Map.copyOf(merged), HexFormat.of().formatHex(digest.digest()));
    }

    public String id() {
        return id;
    }

    public int size() {
        return entries.size();
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Every entry, phrases and slots, ordered by text. */
    public List<Clip> clips() {
        return entries.values().stream()
                .sorted(Comparator.comparing(Clip::text))
                .toList();
    }

    public boolean hasSlots() {
        return longestSlot > 0;
    }

    /** Splits free text into recorded phrases (longest match at each position) and text to speak. */
    public List<Piece> split(String text) {
        return split(text, List.of());
    }

    /**
     * Splits spoken text whose numbers, dates, times and place names are {@code stretches}
     * (ordered, not overlapping). Phrases are matched outside them and may hold a stretch whole,
     * never part of one. A stretch is said from slots when slots cover all of it (longest slot
     * first), otherwise it is left to the engine whole, with the text around it.
     */
    public List<Piece> split(String text, List<Span> stretches) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < text.length()) {
            while (next < stretches.size() && stretches.get(next).end() <= i) {
                next++;
            }
            Span stretch = next < stretches.size() ? stretches.get(next) : null;
            String phrase = phraseAt(text, i, stretches.subList(next, stretches.size()));
            if (phrase != null) {
                flush(pending, pieces);
                pieces.add(new Recorded(phrase, entries.get(phrase).audio()));
                i += phrase.length();
            } else if (stretch != null && stretch.start() == i) {
                String said = text.substring(stretch.start(), stretch.end());
                List<Recorded> parts = slots(said);
                if (parts == null) {
                    pending.append(said);
                } else {
                    flush(pending, pieces);
                    pieces.add(new Slots(said, parts));
                }
                i = stretch.end();
            } else {
                pending.append(text.charAt(i++));
            }
        }
        flush(pending, pieces);
        return pieces;
    }

    /** The longest phrase at {@code i} that does not end inside a stretch. */
    private String phraseAt(String text, int i, List<Span> ahead) {
        for (int len = Math.min(longestPhrase, text.length() - i); len > 0; len--) {
            int end = i + len;
            boolean cuts = ahead.stream().anyMatch(s -> s.start() < end && end < s.end());
            Clip c = entries.get(text.substring(i, end));
            if (!cuts && c != null && c.kind() == Kind.PHRASE) {
                return c.text();
            }
        }
        return null;
    }

    /** The stretch cut into slots (punctuation in it skipped), or null when a part is not recorded. */
    private List<Recorded> slots(String stretch) {
        List<Recorded> parts = new ArrayList<>();
        int i = 0;
        while (i < stretch.length()) {
            if (!Character.isLetterOrDigit(stretch.charAt(i))) {
                i++;
                continue;
            }
            Clip match = null;
            for (int len = Math.min(longestSlot, stretch.length() - i); len > 0 && match == null; len--) {
                Clip c = entries.get(stretch.substring(i, i + len));
                match = c != null && c.kind() == Kind.SLOT ? c : null;
            }
            if (match == null) {
                return null;
            }
            parts.add(new Recorded(match.text(), match.audio()));
            i += match.text().length();
        }
        return parts.isEmpty() ? null : List.copyOf(parts);
    }

    /** Punctuation alone between two recordings has nothing to say: it is dropped. */
    private static void flush(StringBuilder pending, List<Piece> pieces) {
        if (pending.codePoints().anyMatch(Character::isLetterOrDigit)) {
            pieces.add(new ToSpeak(pending.toString()));
        }
        pending.setLength(0);
    }

    private static int longest(Map<String, Clip> entries, Kind kind) {
        return entries.values().stream()
                .filter(c -> c.kind() == kind)
                .mapToInt(c -> c.text().length())
                .max()
                .orElse(0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
