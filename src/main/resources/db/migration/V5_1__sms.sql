-- SMS outbox: one dispatch (a fan-out job) has one delivery row per resident; workers claim rows
-- with SKIP LOCKED and a lease, send outside the transaction and record every attempt.
-- Portable SQL for H2 2.x and MariaDB 10.6+.

CREATE SEQUENCE sms_dispatch_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE sms_dispatch (
    id            BIGINT        NOT NULL PRIMARY KEY,
    -- Opaque reference of the caller (e.g. a broadcast occurrence); a second dispatch with the
    -- same reference resumes the first instead of creating another.
    external_ref  VARCHAR(100),
    sender        VARCHAR(64)   NOT NULL,
    priority      VARCHAR(16)   NOT NULL,
    body          VARCHAR(1600) NOT NULL,
    valid_until   TIMESTAMP(6)  NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uq_sms_dispatch_ref UNIQUE (external_ref)
);

-- Ids come from sms_delivery_seq in blocks of 50, taken by the bulk insert itself.
CREATE SEQUENCE sms_delivery_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE sms_delivery (
    id              BIGINT        NOT NULL PRIMARY KEY,
    dispatch_id     BIGINT        NOT NULL,
    resident_id     BIGINT        NOT NULL,
    phone           VARCHAR(20)   NOT NULL,
    body            VARCHAR(1600) NOT NULL,
    segments        INT           NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at TIMESTAMP(6)  NOT NULL,
    -- Set when the last attempt's outcome is unknown (timeout, 5xx, lease expired in flight):
    -- the provider is asked before anything is sent again.
    reconcile       BOOLEAN       NOT NULL,
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP(6),
    claimed_at      TIMESTAMP(6),
    twilio_sid      VARCHAR(64),
    error_code      INT,
    reason          VARCHAR(500),
    sent_at         TIMESTAMP(6),
    final_at        TIMESTAMP(6),
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uq_sms_delivery_recipient UNIQUE (dispatch_id, resident_id),
    CONSTRAINT uq_sms_delivery_sid UNIQUE (twilio_sid),
    CONSTRAINT fk_sms_delivery_dispatch FOREIGN KEY (dispatch_id) REFERENCES sms_dispatch (id)
);
CREATE INDEX ix_sms_delivery_due ON sms_delivery (state, next_attempt_at);
CREATE INDEX ix_sms_delivery_lease ON sms_delivery (state, lease_until);
CREATE INDEX ix_sms_delivery_phone ON sms_delivery (phone, sent_at);
CREATE INDEX ix_sms_delivery_dispatch ON sms_delivery (dispatch_id, state);

CREATE SEQUENCE sms_attempt_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE sms_attempt (
    id          BIGINT       NOT NULL PRIMARY KEY,
    delivery_id BIGINT       NOT NULL,
    at          TIMESTAMP(6) NOT NULL,
    outcome     VARCHAR(32)  NOT NULL,
    http_status INT,
    error_code  INT,
    twilio_sid  VARCHAR(64),
    detail      VARCHAR(500)
);
CREATE INDEX ix_sms_attempt_delivery ON sms_attempt (delivery_id);

-- Every status callback that passed the signature check, once per (SID, status). Callbacks for
-- a SID not recorded yet (it can beat the worker's own write) are applied when it appears.
CREATE TABLE sms_status_event (
    twilio_sid  VARCHAR(64)  NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    error_code  INT,
    received_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (twilio_sid, status)
);
