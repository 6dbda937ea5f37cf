-- Test-only table for the row-claiming test (dev.tocsin.platform.db.ClaimsTest).
CREATE TABLE claim_probe (
    id       BIGINT      NOT NULL PRIMARY KEY,
    claimed_by VARCHAR(32)
);
