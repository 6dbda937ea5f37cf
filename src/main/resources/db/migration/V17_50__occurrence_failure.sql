-- A channel of an occurrence that could not be dispatched (e.g. the loudspeaker audio could not be
-- rendered): named here, the occurrence ends FAILED instead of COMPLETED and the failure is shown.
ALTER TABLE broadcast_occurrence ADD COLUMN failure VARCHAR(1000);
