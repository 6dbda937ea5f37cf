package dev.tocsin.broadcast;

import dev.tocsin.audio.AudioService;
import dev.tocsin.recording.RecordingService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one choice of what a broadcast's loudspeakers play: its staff recording when it has one,
 * else its script spoken by the voice of its language and dialect. The firing, the warm-up after
 * approval, the approval card and the CAP resource all ask here, so they name the same programme.
 */
@ApplicationScoped
public class BroadcastAudio {

    private final AudioService audio;
    private final RecordingService recordings;

    BroadcastAudio(AudioService audio, RecordingService recordings) {
        this.audio = audio;
        this.recordings = recordings;
    }

    public AudioService.Result programme(Broadcast b) {
        if (b.recordingId != null) {
            return audio.recorded(recordings.audioKey(b.recordingId), b.urgency.id());
        }
        return audio.preview(AudioService.Request.composed(b.speakerScript, profile(b), b.urgency.id()));
    }

    /** Whether there is anything for the loudspeakers to play. */
    public static boolean hasAudio(Broadcast b) {
        return b.recordingId != null || b.speakerScript != null;
    }

    public static String profile(Broadcast b) {
        return AudioService.voiceProfileFor(b.language, b.dialect);
    }
}
