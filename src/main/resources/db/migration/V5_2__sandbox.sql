-- The built-in Twilio-compatible sandbox keeps what it "sent" here, so counts survive restarts.
CREATE TABLE sandbox_message (
    sid                   VARCHAR(34)   NOT NULL PRIMARY KEY,
    account_sid           VARCHAR(64)   NOT NULL,
    to_number             VARCHAR(32)   NOT NULL,
    from_number           VARCHAR(32),
    messaging_service_sid VARCHAR(64),
    body                  VARCHAR(1600) NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    error_code            INT,
    num_segments          INT           NOT NULL,
    status_callback       VARCHAR(500),
    date_created          TIMESTAMP(6)  NOT NULL,
    date_sent             TIMESTAMP(6),
    date_updated          TIMESTAMP(6)  NOT NULL
);
CREATE INDEX ix_sandbox_message_to ON sandbox_message (to_number, date_created);
CREATE INDEX ix_sandbox_message_created ON sandbox_message (date_created);
