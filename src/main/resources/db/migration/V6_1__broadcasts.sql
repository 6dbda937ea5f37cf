-- Broadcasts: one notice with its audience, channels and schedule, approved by a second person.
-- Renditions are frozen (stored text) at approval so every occurrence says the same thing.
CREATE SEQUENCE broadcast_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE broadcast (
    id               BIGINT        NOT NULL PRIMARY KEY,
    version          BIGINT        NOT NULL,
    status           VARCHAR(24)   NOT NULL,
    cap_status       VARCHAR(16)   NOT NULL,
    urgent           BOOLEAN       NOT NULL,
    template_id      VARCHAR(64),
    template_version INT,
    variables_json   LONGTEXT,
    free_text        LONGTEXT,
    language         VARCHAR(16)   NOT NULL,
    dialect          VARCHAR(64),
    channel_sms      BOOLEAN       NOT NULL,
    channel_speaker  BOOLEAN       NOT NULL,
    severity         VARCHAR(16),
    audience_json    LONGTEXT      NOT NULL,
    schedule_json    LONGTEXT      NOT NULL,
    quiet_policy     VARCHAR(8)    NOT NULL,
    sms_text         LONGTEXT,
    speaker_script   LONGTEXT,
    supersedes_id    BIGINT,
    created_by       VARCHAR(64)   NOT NULL,
    submitted_by     VARCHAR(64),
    approved_by      VARCHAR(64),
    status_comment   VARCHAR(1000),
    created_at       TIMESTAMP(6)  NOT NULL,
    updated_at       TIMESTAMP(6)  NOT NULL
);
CREATE INDEX ix_broadcast_status ON broadcast (status, created_at);

-- One planned firing. The claimer takes due PLANNED rows (and FIRING rows whose lease has
-- expired) with SKIP LOCKED, so each fires once however many instances run.
CREATE SEQUENCE broadcast_occurrence_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE broadcast_occurrence (
    id             BIGINT        NOT NULL PRIMARY KEY,
    broadcast_id   BIGINT        NOT NULL,
    due_at         TIMESTAMP(6)  NOT NULL,
    shifted_from   TIMESTAMP(6),
    shift_reason   VARCHAR(200),
    state          VARCHAR(16)   NOT NULL,
    lease_owner    VARCHAR(64),
    lease_until    TIMESTAMP(6),
    attempts       INT           NOT NULL,
    fired_at       TIMESTAMP(6),
    audio_key      VARCHAR(128),
    outcome        VARCHAR(1000),
    CONSTRAINT fk_occurrence_broadcast FOREIGN KEY (broadcast_id) REFERENCES broadcast (id)
);
CREATE INDEX ix_occurrence_due ON broadcast_occurrence (state, due_at);
CREATE INDEX ix_occurrence_broadcast ON broadcast_occurrence (broadcast_id, due_at);
