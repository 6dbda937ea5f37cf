-- CAP 1.2: documents Tocsin published, documents received from upstream, trigger rules and
-- what each received alert caused. XML is kept verbatim (LONGTEXT) so a document never changes.
CREATE SEQUENCE cap_published_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE cap_published (
    id            BIGINT        NOT NULL PRIMARY KEY,
    identifier    VARCHAR(200)  NOT NULL,
    broadcast_id  BIGINT        NOT NULL,
    msg_type      VARCHAR(16)   NOT NULL,
    sent          TIMESTAMP(6)  NOT NULL,
    expires       TIMESTAMP(6)  NOT NULL,
    replaced      BOOLEAN       NOT NULL,
    xml           LONGTEXT      NOT NULL,
    CONSTRAINT uq_cap_published_identifier UNIQUE (identifier)
);
CREATE INDEX ix_cap_published_broadcast ON cap_published (broadcast_id, sent);
CREATE INDEX ix_cap_published_current ON cap_published (replaced, expires);

-- dedupe_key: SHA-256 of sender, identifier and sent (CAP's own identity of a message).
CREATE SEQUENCE cap_received_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE cap_received (
    id            BIGINT        NOT NULL PRIMARY KEY,
    dedupe_key    VARCHAR(64)   NOT NULL,
    sender        VARCHAR(255)  NOT NULL,
    identifier    VARCHAR(255)  NOT NULL,
    sent_text     VARCHAR(40)   NOT NULL,
    sent          TIMESTAMP(6)  NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    msg_type      VARCHAR(16)   NOT NULL,
    event         VARCHAR(255),
    headline      VARCHAR(500),
    severity      VARCHAR(16),
    expires       TIMESTAMP(6),
    refers_to     LONGTEXT,
    signature     VARCHAR(500)  NOT NULL,
    source        VARCHAR(64)   NOT NULL,
    received_at   TIMESTAMP(6)  NOT NULL,
    received_by   VARCHAR(64)   NOT NULL,
    xml           LONGTEXT      NOT NULL,
    CONSTRAINT uq_cap_received_key UNIQUE (dedupe_key)
);
CREATE INDEX ix_cap_received_identifier ON cap_received (identifier);
CREATE INDEX ix_cap_received_at ON cap_received (received_at);

-- Which earlier received alert an Update or Cancel refers to.
CREATE SEQUENCE cap_reference_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE cap_reference (
    id            BIGINT        NOT NULL PRIMARY KEY,
    received_id   BIGINT        NOT NULL,
    referenced_id BIGINT        NOT NULL,
    CONSTRAINT fk_cap_reference_received FOREIGN KEY (received_id) REFERENCES cap_received (id),
    CONSTRAINT fk_cap_reference_referenced FOREIGN KEY (referenced_id) REFERENCES cap_received (id)
);
CREATE INDEX ix_cap_reference_received ON cap_reference (received_id);
CREATE INDEX ix_cap_reference_referenced ON cap_reference (referenced_id);

CREATE SEQUENCE cap_rule_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE cap_rule (
    id            BIGINT        NOT NULL PRIMARY KEY,
    version       BIGINT        NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    definition    LONGTEXT      NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    updated_at    TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uq_cap_rule_name UNIQUE (name)
);

-- What a received alert caused: a draft broadcast (or why none), or a proposal to cancel one.
CREATE SEQUENCE cap_trigger_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE cap_trigger (
    id            BIGINT        NOT NULL PRIMARY KEY,
    version       BIGINT        NOT NULL,
    received_id   BIGINT        NOT NULL,
    rule_id       BIGINT,
    kind          VARCHAR(16)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    broadcast_id  BIGINT,
    detail        VARCHAR(1000),
    decided_by    VARCHAR(64),
    created_at    TIMESTAMP(6)  NOT NULL,
    decided_at    TIMESTAMP(6),
    CONSTRAINT fk_cap_trigger_received FOREIGN KEY (received_id) REFERENCES cap_received (id)
);
CREATE INDEX ix_cap_trigger_received ON cap_trigger (received_id);
CREATE INDEX ix_cap_trigger_broadcast ON cap_trigger (broadcast_id);
