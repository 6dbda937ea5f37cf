package dev.tocsin.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Programmes on disk by audio key, so a box plays what it holds while the network is down. A
 * file enters the cache only after its SHA-256 matched the queue's; a cut download stays as
 * {@code .part} and resumes with a Range request.
 */
final class AudioCache {

    private final Path dir;
    private final DeviceClient client;

    AudioCache(Path dir, DeviceClient client) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.client = client;
    }

    Path path(String key) {
        if (!key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not an audio key: " + key);
        }
        return dir.resolve(key + ".mp3");
    }

    boolean has(String key) {
        return Files.exists(path(key));
    }

    /** The verified file for a play, downloading it first when needed. */
    synchronized Path fetch(QueuedPlay play) throws IOException, InterruptedException {
        Path done = path(play.audioKey());
        if (Files.exists(done)) {
            return done;
        }
        Path part = dir.resolve(play.audioKey() + ".part");
        client.download(play.audioUrl(), part);
        String sha = sha256(part);
        if (!sha.equalsIgnoreCase(play.sha256())) {
            Files.delete(part);
            throw new IOException("audio " + play.audioKey() + " has SHA-256 " + sha + ", the queue says "
                    + play.sha256() + ": discarded");
        }
        Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
