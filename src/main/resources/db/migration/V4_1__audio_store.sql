-- Content-addressed store of rendered loudspeaker programmes (dev.tocsin.audio.store).
-- Audio lives in the database so every instance serves every file. Files are cut into chunks
-- under 64 KB: a plain BLOB on both H2 and MariaDB, no packet-size limits on big programmes,
-- and an HTTP range request reads only the chunks it needs.
CREATE TABLE audio_render (
    render_key      VARCHAR(64)      NOT NULL PRIMARY KEY,
    profile_id      VARCHAR(64)      NOT NULL,
    programme_id    VARCHAR(64)      NOT NULL,
    severity        VARCHAR(16)      NOT NULL,
    engine          VARCHAR(200)     NOT NULL,
    duration_ms     BIGINT           NOT NULL,
    loudness_lufs   DOUBLE PRECISION NOT NULL,
    true_peak_dbtp  DOUBLE PRECISION NOT NULL,
    sample_rate     INT              NOT NULL,
    wav_bytes       BIGINT           NOT NULL,
    mp3_bytes       BIGINT           NOT NULL,
    wav_sha256      VARCHAR(64)      NOT NULL,
    mp3_sha256      VARCHAR(64)      NOT NULL,
    render_ms       BIGINT           NOT NULL,
    created_at      TIMESTAMP(6)     NOT NULL
);

CREATE TABLE audio_chunk (
    render_key  VARCHAR(64) NOT NULL,
    format      VARCHAR(8)  NOT NULL,
    seq         INT         NOT NULL,
    data        BLOB        NOT NULL,
    CONSTRAINT pk_audio_chunk PRIMARY KEY (render_key, format, seq),
    CONSTRAINT fk_audio_chunk_render FOREIGN KEY (render_key) REFERENCES audio_render (render_key)
);
