-- Residents who prefer a voice call to an SMS for urgent broadcasts (elderly, cannot read; issue #22).
-- Everyone already here keeps SMS.
ALTER TABLE resident ADD COLUMN prefers_call BOOLEAN DEFAULT FALSE NOT NULL;
