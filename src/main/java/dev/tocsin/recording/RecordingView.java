package dev.tocsin.recording;

import java.time.Instant;

/** A recording as the API shows it; {@code wav} and {@code mp3} are the mastered audio's URLs. */
public record RecordingView(
        long id,
        RecordingKind kind,
        String bank,
        String phrase,
        String label,
        int version,
        long durationMs,
        double loudnessLufs,
        double truePeakDbtp,
        String sourceFormat,
        long sourceBytes,
        long sourceMs,
        String recordedBy,
        Instant recordedAt,
        boolean deleted,
        String deletedBy,
        Instant deletedAt,
        String wav,
        String mp3) {

    public static RecordingView of(VoiceRecording r) {
        return new RecordingView(
                r.id,
                r.kind,
                r.bank,
                r.phrase,
                r.label,
                r.version,
                r.durationMs,
                round(r.loudnessLufs),
                round(r.truePeakDbtp),
                r.sourceFormat,
                r.sourceBytes,
                r.sourceMs,
                r.recordedBy,
                r.recordedAt,
                r.deleted(),
                r.deletedBy,
                r.deletedAt,
                "/api/audio/" + r.audioKey + ".wav",
                "/api/audio/" + r.audioKey + ".mp3");
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }
}
