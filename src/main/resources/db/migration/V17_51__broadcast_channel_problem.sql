-- A channel this installation cannot deliver (e.g. the loudspeaker voice profile has no speech
-- engine here). Set on a CAP-triggered draft, which is kept rather than lost; create and submit
-- by staff are refused instead.
ALTER TABLE broadcast ADD COLUMN channel_problem VARCHAR(1000);
