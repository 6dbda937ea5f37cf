package dev.tocsin.audio.speech;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded phrases of one dialect: {@code index.tsv} maps a phrase's text to a WAV clip in the
 * same folder. Scripts are cut into recorded clips (longest phrase first) and text left for
 * the speech engine. {@link #fingerprint()} hashes the index and every clip, so re-recording a
 * phrase changes every audio cache key that used the bank.
 */
public final class PhraseBank {

    public static final String INDEX = "index.tsv";

    /** A piece of a script: a recorded clip, or text to synthesize. */
    public sealed interface Piece permits Recorded, ToSpeak {
        String text();
    }

    public record Recorded(String text, Pcm clip) implements Piece {}

    public record ToSpeak(String text) implements Piece {}

    private final String id;
    private final Map<String, Pcm> clips;
    private final int longest;
    private final String fingerprint;

    PhraseBank(String id, Map<String, Pcm> clips, String fingerprint) {
        this.id = id;
        this.clips = Map.copyOf(clips);
        this.longest = clips.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.fingerprint = fingerprint;
    }

    public static PhraseBank empty(String id) {
        return new PhraseBank(id, Map.of(), "empty");
    }

    /** Loads {@code <dir>/index.tsv}; a missing or unreadable clip fails with its file name. */
    public static PhraseBank load(String id, Path dir) {
        Path index = dir.resolve(INDEX);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Map<String, Pcm> clips = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalStateException(index + ":" + (n + 1) + ": expected 'phrase<TAB>clip.wav'");
                }
                Path clip = dir.resolve(cols[1].strip()).normalize();
                if (!clip.startsWith(dir.normalize()) || !Files.isRegularFile(clip)) {
                    throw new IllegalStateException(index + ":" + (n + 1) + ": clip file not found: " + clip);
                }
                byte[] bytes = Files.readAllBytes(clip);
                try {
                    clips.put(cols[0].strip(), Wav.read(bytes));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(clip + ": " + e.getMessage(), e);
                }
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return new PhraseBank(id, clips, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read phrase bank " + index + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return id;
    }

    public int size() {
        return clips.size();
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Splits text into recorded phrases (longest match at each position) and text to speak. */
    public List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            String match = null;
            for (int len = Math.min(longest, text.length() - i); len > 0 && match == null; len--) {
                String candidate = text.substring(i, i + len);
                if (clips.containsKey(candidate)) {
                    match = candidate;
                }
            }
            if (match == null) {
                pending.append(text.charAt(i++));
                continue;
            }
            flush(pending, pieces);
            pieces.add(new Recorded(match, clips.get(match)));
            i += match.length();
        }
        flush(pending, pieces);
        return pieces;
    }

    /** Punctuation alone between two recordings has nothing to say: it is dropped. */
    private static void flush(StringBuilder pending, List<Piece> pieces) {
        if (pending.codePoints().anyMatch(Character::isLetterOrDigit)) {
            pieces.add(new ToSpeak(pending.toString()));
        }
        pending.setLength(0);
    }
}
