package dev.tocsin.audio.store;

import java.time.Instant;
import java.util.List;

/**
 * What is recorded about every rendered programme; {@code wavSha256} is its content hash.
 * {@code recordedShare} (0..1) is the share of its speech played from recordings and
 * {@code synthesizedParts} what the engine said, so staff know what to record next; both are
 * null for programmes rendered before they were kept.
 */
public record RenderedProgramme(
        String key,
        String profileId,
        String programmeId,
        String severity,
        String engine,
        long durationMs,
        double loudnessLufs,
        double truePeakDbtp,
        int sampleRate,
        long wavBytes,
        long mp3Bytes,
        String wavSha256,
        String mp3Sha256,
        long renderMs,
        Instant createdAt,
        Double recordedShare,
        List<String> synthesizedParts) {

    public long size(AudioFormat format) {
        return format == AudioFormat.MP3 ? mp3Bytes : wavBytes;
    }

    public String etag(AudioFormat format) {
        return "\"" + (format == AudioFormat.MP3 ? mp3Sha256 : wavSha256) + "\"";
    }
}
