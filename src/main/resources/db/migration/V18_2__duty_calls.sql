-- 叫应 per broadcast: one call per approved broadcast whose warning colour starts it, one entry per
-- primary responsible person reached, every inbound SMS from the roster (or answer-shaped from an
-- unknown number) kept. The broadcast gets the colour staff may name instead of the CAP severity's.

ALTER TABLE broadcast ADD COLUMN warning_colour VARCHAR(8);

CREATE SEQUENCE duty_call_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE duty_call (
    id             BIGINT       NOT NULL PRIMARY KEY,
    broadcast_id   BIGINT       NOT NULL,
    colour         VARCHAR(8)   NOT NULL,
    -- OPEN while answers count; CLOSED when all answered, the broadcast was cancelled, or close-after passed
    state          VARCHAR(8)   NOT NULL,
    started_at     TIMESTAMP(6) NOT NULL,
    first_answer_at TIMESTAMP(6),
    closed_at      TIMESTAMP(6),
    closed_reason  VARCHAR(200),
    CONSTRAINT uq_duty_call_broadcast UNIQUE (broadcast_id),
    CONSTRAINT fk_duty_call_broadcast FOREIGN KEY (broadcast_id) REFERENCES broadcast (id)
);
CREATE INDEX ix_duty_call_state ON duty_call (state, started_at);

CREATE SEQUENCE duty_entry_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE duty_entry (
    id              BIGINT       NOT NULL PRIMARY KEY,
    call_id         BIGINT       NOT NULL,
    person_id       BIGINT       NOT NULL,
    -- WAITING (primary messaged), BACKUP (backup messaged), SUPERIOR (superior messaged), ANSWERED, CLOSED
    state           VARCHAR(16)  NOT NULL,
    -- the highest step whose SMS was handed to the SMS outbox: 0 primary, 1 backup, 2 superior; -1 none yet
    sent_step       INT          NOT NULL,
    messaged_at     TIMESTAMP(6) NOT NULL,
    backup_id       BIGINT,
    backup_at       TIMESTAMP(6),
    superior_id     BIGINT,
    superior_at     TIMESTAMP(6),
    answered_at     TIMESTAMP(6),
    answered_by     BIGINT,
    answer_channel  VARCHAR(8),
    note            VARCHAR(300),
    CONSTRAINT uq_duty_entry_person UNIQUE (call_id, person_id),
    CONSTRAINT fk_duty_entry_call FOREIGN KEY (call_id) REFERENCES duty_call (id),
    CONSTRAINT fk_duty_entry_person FOREIGN KEY (person_id) REFERENCES duty_person (id)
);
CREATE INDEX ix_duty_entry_state ON duty_entry (state, messaged_at);

CREATE SEQUENCE duty_inbound_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE duty_inbound (
    id           BIGINT        NOT NULL PRIMARY KEY,
    received_at  TIMESTAMP(6)  NOT NULL,
    mobile       VARCHAR(20)   NOT NULL,
    body         VARCHAR(320),
    person_id    BIGINT,
    entry_id     BIGINT,
    -- ANSWERED, NO_OPEN_CALL, UNKNOWN_NUMBER, OPT_OUT, NOT_AN_ANSWER, ALREADY_ANSWERED
    outcome      VARCHAR(20)   NOT NULL
);
CREATE INDEX ix_duty_inbound_at ON duty_inbound (received_at);
