package dev.tocsin.audio.store;

import java.time.Instant;

/** What is recorded about every rendered programme; {@code wavSha256} is its content hash. */
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
        Instant createdAt) {

    public long size(AudioFormat format) {
        return format == AudioFormat.MP3 ? mp3Bytes : wavBytes;
    }

    public String etag(AudioFormat format) {
        return "\"" + (format == AudioFormat.MP3 ? mp3Sha256 : wavSha256) + "\"";
    }
}
