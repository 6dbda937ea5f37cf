-- Terminal health and device reports. last_seen_at is the server time of the last heartbeat or
-- device request; a terminal silent longer than tocsin.loudspeaker.offline-after is offline.
ALTER TABLE terminal ADD COLUMN last_seen_at TIMESTAMP(6);
ALTER TABLE terminal ADD COLUMN last_error VARCHAR(500);
ALTER TABLE terminal ADD COLUMN reported_volume INT;
ALTER TABLE terminal ADD COLUMN amplifier_ok BOOLEAN;
ALTER TABLE terminal ADD COLUMN free_storage_bytes BIGINT;
ALTER TABLE terminal ADD COLUMN clock_offset_ms BIGINT;
ALTER TABLE terminal ADD COLUMN revoked_at TIMESTAMP(6);
ALTER TABLE terminal ADD COLUMN updated_at TIMESTAMP(6);
-- Set when the offline-during-urgent alert fired for the current silence; one alert per outage.
ALTER TABLE terminal ADD COLUMN offline_alerted_at TIMESTAMP(6);
CREATE INDEX ix_terminal_token ON terminal (token_hash);

-- First time the play was handed to its terminal in a queue response (a completion report for a
-- play never delivered is suspicious); report times as received (server) and as claimed (terminal).
ALTER TABLE play ADD COLUMN delivered_at TIMESTAMP(6);
ALTER TABLE play ADD COLUMN reported_at TIMESTAMP(6);
ALTER TABLE play ADD COLUMN terminal_reported_at TIMESTAMP(6);
ALTER TABLE play ADD COLUMN suspicious BOOLEAN DEFAULT FALSE NOT NULL;
-- For MISSED plays: the terminal was offline when the window closed.
ALTER TABLE play ADD COLUMN missed_offline BOOLEAN DEFAULT FALSE NOT NULL;
