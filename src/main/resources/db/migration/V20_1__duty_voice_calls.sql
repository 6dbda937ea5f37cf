-- 叫应 voice calls: one row per (entry, step, attempt), placed through Twilio Programmable Voice.
-- (duty_call is the 叫应 of a broadcast, hence duty_voice_call.) A row is claimed with
-- SELECT ... FOR UPDATE SKIP LOCKED and a lease, so a call is never placed twice for a step.

CREATE SEQUENCE duty_voice_call_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE duty_voice_call (
    id           BIGINT       NOT NULL PRIMARY KEY,
    entry_id     BIGINT       NOT NULL,
    -- 0 primary, 1 backup, 2 superior
    step         INT          NOT NULL,
    attempt      INT          NOT NULL,
    person_id    BIGINT       NOT NULL,
    -- QUEUED (due at due_at), PLACING (claimed under a lease), PLACED (Twilio accepted it), ENDED
    state        VARCHAR(8)   NOT NULL,
    due_at       TIMESTAMP(6) NOT NULL,
    lease_owner  VARCHAR(64),
    lease_until  TIMESTAMP(6),
    call_sid     VARCHAR(34),
    placed_at    TIMESTAMP(6),
    ended_at     TIMESTAMP(6),
    -- completed, busy, no-answer, failed, refused (Twilio refused to place it), unknown (lease lost), skipped
    outcome      VARCHAR(16),
    digits       VARCHAR(16),
    detail       VARCHAR(300),
    CONSTRAINT uq_duty_voice_call UNIQUE (entry_id, step, attempt),
    CONSTRAINT fk_duty_voice_call_entry FOREIGN KEY (entry_id) REFERENCES duty_entry (id)
);
CREATE INDEX ix_duty_voice_call_due ON duty_voice_call (state, due_at);
CREATE INDEX ix_duty_voice_call_sid ON duty_voice_call (call_sid);
