-- A withdrawn SMS dispatch (its broadcast was cancelled or superseded): the outbox checks this
-- right before every provider call, so nothing of it is handed over after the withdrawal commits.
ALTER TABLE sms_dispatch ADD COLUMN withdrawn_at TIMESTAMP(6);
ALTER TABLE sms_dispatch ADD COLUMN withdrawn_reason VARCHAR(500);
-- Retraction of a cancelled occurrence that had reached someone: PENDING until every resident and
-- terminal that got it has been sent the retraction, then DONE.
ALTER TABLE broadcast_occurrence ADD COLUMN retraction VARCHAR(16);
