package dev.tocsin.console;

import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.recording.RecordingKind;
import dev.tocsin.recording.RecordingService;
import dev.tocsin.recording.RecordingView;
import dev.tocsin.recording.VoiceRecording;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Recordings as the console shows them: figures rounded for people, times in the district's zone. */
@ApplicationScoped
public class RecordingRows {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RecordingService recordings;
    private final TocsinConfig tocsin;

    RecordingRows(RecordingService recordings, TocsinConfig tocsin) {
        this.recordings = recordings;
        this.tocsin = tocsin;
    }

    /** One recording: its API view plus the texts a page prints. */
    public record Row(RecordingView view, String seconds, String lufs, String at) {}

    public Row row(VoiceRecording r) {
        return new Row(
                RecordingView.of(r),
                seconds(r.durationMs),
                String.format(Locale.ROOT, "%.1f", r.loudnessLufs),
                local(r.recordedAt));
    }

    /** The notice recordings not deleted, newest first: what a broadcast may play. */
    public List<Row> notices() {
        return recordings.list(RecordingKind.NOTICE, null, false).stream()
                .map(this::row)
                .toList();
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    String local(Instant t) {
        return t == null ? "" : LOCAL.format(t.atZone(tocsin.zone()));
    }
}
