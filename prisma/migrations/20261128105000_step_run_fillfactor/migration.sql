-- A step run is written three times (planned, started, finished), none of which changes an
-- indexed column: with room left on its page each update is HOT (no index writes).
ALTER TABLE "StepRun" SET (fillfactor = 70);
