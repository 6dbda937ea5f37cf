package dev.tocsin.recording;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A staff recording, mastered; its audio is in the audio store under {@link #audioKey}. */
@Entity
@Table(name = "voice_recording")
public class VoiceRecording extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "voice_recording_seq")
    @SequenceGenerator(name = "voice_recording_seq", sequenceName = "voice_recording_seq", allocationSize = 50)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public RecordingKind kind;

    /** The phrase bank, for phrases and slots; null for a notice. */
    @Column(length = 64)
    public String bank;

    /** The text the recording says, for phrases and slots; null for a notice. */
    @Column(length = 200)
    public String phrase;

    @Column(nullable = false, length = 120)
    public String label;

    @Column(nullable = false)
    public int version;

    @Column(name = "audio_key", nullable = false, length = 64)
    public String audioKey;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "loudness_lufs", nullable = false)
    public double loudnessLufs;

    @Column(name = "true_peak_dbtp", nullable = false)
    public double truePeakDbtp;

    @Column(name = "source_format", nullable = false, length = 8)
    public String sourceFormat;

    @Column(name = "source_bytes", nullable = false)
    public long sourceBytes;

    @Column(name = "source_ms", nullable = false)
    public long sourceMs;

    @Column(name = "recorded_by", nullable = false, length = 128)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "deleted_by", length = 128)
    public String deletedBy;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean deleted() {
        return deletedAt != null;
    }
}
