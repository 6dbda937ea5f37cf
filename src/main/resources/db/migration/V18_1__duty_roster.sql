-- 叫应 (call and respond): the roster of responsible persons, kept apart from residents (a number
-- may be in both). Portable SQL for H2 2.x and MariaDB 10.6+.

CREATE SEQUENCE duty_person_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE duty_person (
    id           BIGINT       NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    mobile       VARCHAR(20)  NOT NULL,
    area_id      BIGINT       NOT NULL,
    -- TOWNSHIP_HEAD, VILLAGE_HEAD, GRID_WORKER, DUTY_OFFICER
    role         VARCHAR(32)  NOT NULL,
    -- PRIMARY (A角) or BACKUP (B角)
    duty_rank    VARCHAR(16)  NOT NULL,
    superior_id  BIGINT,
    language     VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    updated_at   TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_duty_person_post UNIQUE (mobile, area_id, role),
    CONSTRAINT fk_duty_person_area FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT fk_duty_person_superior FOREIGN KEY (superior_id) REFERENCES duty_person (id)
);
CREATE INDEX ix_duty_person_area ON duty_person (area_id, role, duty_rank);
CREATE INDEX ix_duty_person_mobile ON duty_person (mobile);
