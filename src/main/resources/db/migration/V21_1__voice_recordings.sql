-- Local voices recorded or uploaded by staff (dev.tocsin.recording). The mastered audio lives in
-- the audio store (audio_render / audio_chunk) under a content key, like rendered programmes, so
-- every instance serves it and a broadcast approved with it keeps exactly that sound.
-- kind: notice (a whole loudspeaker message), phrase or slot (of a phrase bank). A new recording
-- of a bank's phrase is a new version; the highest version not deleted is the one spoken.
CREATE SEQUENCE voice_recording_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE voice_recording (
    id              BIGINT           NOT NULL PRIMARY KEY,
    kind            VARCHAR(8)       NOT NULL,
    bank            VARCHAR(64),
    phrase          VARCHAR(200),
    label           VARCHAR(120)     NOT NULL,
    version         INT              NOT NULL,
    audio_key       VARCHAR(64)      NOT NULL,
    duration_ms     BIGINT           NOT NULL,
    loudness_lufs   DOUBLE PRECISION NOT NULL,
    true_peak_dbtp  DOUBLE PRECISION NOT NULL,
    source_format   VARCHAR(8)       NOT NULL,
    source_bytes    BIGINT           NOT NULL,
    source_ms       BIGINT           NOT NULL,
    recorded_by     VARCHAR(128)     NOT NULL,
    recorded_at     TIMESTAMP(6)     NOT NULL,
    deleted_by      VARCHAR(128),
    deleted_at      TIMESTAMP(6),
    CONSTRAINT uq_voice_recording_version UNIQUE (bank, phrase, version),
    CONSTRAINT fk_voice_recording_audio FOREIGN KEY (audio_key) REFERENCES audio_render (render_key)
);
CREATE INDEX ix_voice_recording_kind ON voice_recording (kind, recorded_at);

-- A broadcast's loudspeaker audio may be a notice recording instead of synthesis.
ALTER TABLE broadcast ADD COLUMN recording_id BIGINT;
ALTER TABLE broadcast ADD CONSTRAINT fk_broadcast_recording FOREIGN KEY (recording_id) REFERENCES voice_recording (id);
