-- Loudspeaker plays: one row per (broadcast occurrence, terminal). Created when an occurrence
-- is dispatched; terminals fetch them from their queue and report on them.
CREATE SEQUENCE play_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE play (
    id             BIGINT       NOT NULL PRIMARY KEY,
    occurrence_ref VARCHAR(64)  NOT NULL,
    terminal_id    BIGINT       NOT NULL,
    audio_key      VARCHAR(128) NOT NULL,
    priority       VARCHAR(16)  NOT NULL,
    not_before     TIMESTAMP(6) NOT NULL,
    not_after      TIMESTAMP(6) NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    state_reason   VARCHAR(500),
    created_at     TIMESTAMP(6) NOT NULL,
    updated_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_play_occurrence_terminal UNIQUE (occurrence_ref, terminal_id),
    CONSTRAINT fk_play_terminal FOREIGN KEY (terminal_id) REFERENCES terminal (id)
);
CREATE INDEX ix_play_terminal_state ON play (terminal_id, state);
CREATE INDEX ix_play_state_not_after ON play (state, not_after);
