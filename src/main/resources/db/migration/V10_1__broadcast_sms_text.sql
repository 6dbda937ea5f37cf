-- The SMS of a broadcast in every language its template has an SMS rendition for, frozen at
-- approval with the broadcast's own text (broadcast.sms_text). A resident gets the row of their
-- language, else broadcast.sms_text. Free-text broadcasts have one row, in their language.
-- segment_limit is the template's limit when frozen: another language than the broadcast's own
-- may exceed it (it is still sent; the console shows the cost).
CREATE SEQUENCE broadcast_sms_text_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE broadcast_sms_text (
    id            BIGINT       NOT NULL PRIMARY KEY,
    broadcast_id  BIGINT       NOT NULL,
    language      VARCHAR(16)  NOT NULL,
    sms_text      LONGTEXT     NOT NULL,
    segments      INT          NOT NULL,
    segment_limit INT,
    CONSTRAINT uq_broadcast_sms_text UNIQUE (broadcast_id, language),
    CONSTRAINT fk_sms_text_broadcast FOREIGN KEY (broadcast_id) REFERENCES broadcast (id)
);
