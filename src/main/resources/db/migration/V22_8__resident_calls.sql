-- Voice as a channel of its own (issue #22): an urgent broadcast may phone the residents who
-- prefer a call instead of texting them. One row per (occurrence, resident, attempt), claimed with
-- SELECT ... FOR UPDATE SKIP LOCKED and a lease, so a resident is never called twice for one attempt.
ALTER TABLE broadcast ADD COLUMN channel_voice BOOLEAN DEFAULT FALSE NOT NULL;

CREATE SEQUENCE resident_call_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE resident_call (
    id             BIGINT       NOT NULL PRIMARY KEY,
    broadcast_id   BIGINT       NOT NULL,
    occurrence_id  BIGINT       NOT NULL,
    resident_id    BIGINT       NOT NULL,
    phone          VARCHAR(20)  NOT NULL,
    language       VARCHAR(16)  NOT NULL,
    attempt        INT          NOT NULL,
    -- the broadcast's rendered programme the call plays; null: the call says the SMS text
    audio_key      VARCHAR(64),
    -- QUEUED (due at due_at), PLACING (claimed under a lease), PLACED (Twilio accepted it), ENDED
    state          VARCHAR(8)   NOT NULL,
    due_at         TIMESTAMP(6) NOT NULL,
    lease_owner    VARCHAR(64),
    lease_until    TIMESTAMP(6),
    call_sid       VARCHAR(34),
    placed_at      TIMESTAMP(6),
    ended_at       TIMESTAMP(6),
    -- completed, busy, no-answer, failed, canceled, refused (Twilio refused it), unknown (lease lost)
    outcome        VARCHAR(16),
    detail         VARCHAR(300),
    -- the occurrence also sends SMS: a resident left unreached after the last attempt is texted
    text_if_unreached BOOLEAN  DEFAULT FALSE NOT NULL,
    -- that text: 'due' (waiting), 'sent' (added to the occurrence's SMS dispatch), 'none' (withdrawn)
    texted         VARCHAR(4),
    CONSTRAINT uq_resident_call UNIQUE (occurrence_id, resident_id, attempt)
);
CREATE INDEX ix_resident_call_due ON resident_call (state, due_at);
CREATE INDEX ix_resident_call_occurrence ON resident_call (occurrence_id, state);
CREATE INDEX ix_resident_call_texted ON resident_call (texted);
