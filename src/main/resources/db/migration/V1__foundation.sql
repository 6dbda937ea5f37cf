-- Foundation: staff accounts, audit trail, the area tree, residents and terminals.
-- Portable SQL: runs unchanged on H2 2.x and MariaDB 10.6+. Vendor-only changes go to
-- db/vendor/h2 or db/vendor/mariadb with version numbers of their own (see docs/ARCHITECTURE.md).

CREATE SEQUENCE staff_user_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE staff_user (
    id            BIGINT       NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    roles         VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200),
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    updated_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_staff_user_username UNIQUE (username)
);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE audit_event (
    id          BIGINT       NOT NULL PRIMARY KEY,
    at          TIMESTAMP(6) NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    subject     VARCHAR(200) NOT NULL,
    detail      VARCHAR(4000)
);
CREATE INDEX ix_audit_event_at ON audit_event (at);
CREATE INDEX ix_audit_event_subject ON audit_event (subject);

CREATE SEQUENCE area_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE area (
    id           BIGINT       NOT NULL PRIMARY KEY,
    code         VARCHAR(32)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    parent_id    BIGINT,
    -- Materialised path of ids ("/1/51/101/") so that "this area and all below it" is one
    -- indexed prefix match on both databases.
    path         VARCHAR(512) NOT NULL,
    centroid_lat DOUBLE PRECISION,
    centroid_lon DOUBLE PRECISION,
    polygon      LONGTEXT,
    created_at   TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_area_code UNIQUE (code),
    CONSTRAINT fk_area_parent FOREIGN KEY (parent_id) REFERENCES area (id)
);
CREATE INDEX ix_area_path ON area (path);

CREATE SEQUENCE resident_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE resident (
    id             BIGINT       NOT NULL PRIMARY KEY,
    name           VARCHAR(200),
    phone          VARCHAR(20)  NOT NULL,
    language       VARCHAR(16)  NOT NULL,
    consent        VARCHAR(16)  NOT NULL,
    consent_at     TIMESTAMP(6) NOT NULL,
    consent_channel VARCHAR(32) NOT NULL,
    test_recipient BOOLEAN      NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    updated_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_resident_phone UNIQUE (phone)
);

CREATE TABLE resident_area (
    resident_id BIGINT NOT NULL,
    area_id     BIGINT NOT NULL,
    PRIMARY KEY (resident_id, area_id),
    CONSTRAINT fk_resident_area_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE,
    CONSTRAINT fk_resident_area_area FOREIGN KEY (area_id) REFERENCES area (id)
);
CREATE INDEX ix_resident_area_area ON resident_area (area_id);

CREATE TABLE resident_tag (
    resident_id BIGINT      NOT NULL,
    tag         VARCHAR(64) NOT NULL,
    PRIMARY KEY (resident_id, tag),
    CONSTRAINT fk_resident_tag_resident FOREIGN KEY (resident_id) REFERENCES resident (id) ON DELETE CASCADE
);
CREATE INDEX ix_resident_tag_tag ON resident_tag (tag);

CREATE SEQUENCE terminal_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE terminal (
    id            BIGINT       NOT NULL PRIMARY KEY,
    code          VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    area_id       BIGINT       NOT NULL,
    model         VARCHAR(100),
    zone          VARCHAR(64)  NOT NULL,
    volume_preset INT          NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    test_terminal BOOLEAN      NOT NULL,
    token_hash    VARCHAR(100),
    created_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_terminal_code UNIQUE (code),
    CONSTRAINT fk_terminal_area FOREIGN KEY (area_id) REFERENCES area (id)
);
CREATE INDEX ix_terminal_area ON terminal (area_id);

-- Opt-out list, keyed by phone so that it outlives the resident row: a number on it never
-- receives routine SMS again, even if the resident is deleted and re-imported.
CREATE TABLE sms_suppression (
    phone      VARCHAR(20)  NOT NULL PRIMARY KEY,
    reason     VARCHAR(32)  NOT NULL,
    created_at TIMESTAMP(6) NOT NULL
);
