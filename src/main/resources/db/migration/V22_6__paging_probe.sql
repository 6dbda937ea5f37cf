-- When a SIP speaker was last asked SIP OPTIONS (health between calls); claimed by a guarded UPDATE.
ALTER TABLE terminal ADD COLUMN paging_probed_at TIMESTAMP(6);
