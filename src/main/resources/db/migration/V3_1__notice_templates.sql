-- Composition: the notice template catalogue. A template (public id such as 'cold-wave')
-- points at its current version; every edit adds a version row, older versions stay and can
-- still be rendered (a scheduled broadcast keeps the wording it was approved with).
-- LONGTEXT, not CLOB: MariaDB has no CLOB type; H2 2.x reads LONGTEXT as CLOB.
CREATE TABLE notice_template (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    current_version INT          NOT NULL,
    active          BOOLEAN      NOT NULL,
    seeded          BOOLEAN      NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL
);

CREATE SEQUENCE notice_template_version_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE notice_template_version (
    id          BIGINT       NOT NULL PRIMARY KEY,
    template_id VARCHAR(64)  NOT NULL,
    version     INT          NOT NULL,
    definition  LONGTEXT     NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    CONSTRAINT uq_notice_template_version UNIQUE (template_id, version),
    CONSTRAINT fk_notice_template_version_template FOREIGN KEY (template_id) REFERENCES notice_template (id)
);
