-- Every instance asks "which terminals' plays changed since T" every few seconds
-- (PlayChangeWatcher): a range scan on updated_at.
CREATE INDEX ix_play_updated_at ON play (updated_at);
