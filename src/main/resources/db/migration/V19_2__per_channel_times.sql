-- Each channel may have its own times: a broadcast keeps the schedules that override its main
-- one per channel, and an occurrence may be for one channel only (null: every channel).
ALTER TABLE broadcast ADD COLUMN channel_schedules LONGTEXT;
ALTER TABLE broadcast_occurrence ADD COLUMN channel VARCHAR(16);
