-- A seasonal or campaign broadcast may come back every year: next year's copy is made when this
-- one ends. repeated_from is unique, so two instances can never make two copies of one year.
ALTER TABLE broadcast ADD COLUMN repeat_yearly BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE broadcast ADD COLUMN repeated_from BIGINT;
ALTER TABLE broadcast ADD COLUMN repeat_problem VARCHAR(1000);
ALTER TABLE broadcast ADD CONSTRAINT uq_broadcast_repeated_from UNIQUE (repeated_from);
CREATE INDEX ix_broadcast_repeat ON broadcast (repeat_yearly, status);
