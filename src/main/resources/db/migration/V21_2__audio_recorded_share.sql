-- Where a programme's speech came from: the share played from phrase-bank recordings (0..1)
-- and, one per line, what the speech engine said, so staff know what to record next.
-- Null for programmes rendered before these were kept.
ALTER TABLE audio_render ADD COLUMN recorded_share DOUBLE PRECISION;
ALTER TABLE audio_render ADD COLUMN synthesized_parts LONGTEXT;
