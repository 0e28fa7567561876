-- Every execution is inserted, then updated when it ends: the update changes its status, so it is
-- never HOT and writes a new entry in every index of the table whose predicate the row fits
-- Four indexes of Execution only ever look up rows that few executions have: those still
-- queued or running, scheduled runs, re-runs and step tests. As partial indexes they hold just
-- those rows, and the run of an ordinary execution writes 7 index entries instead of 14
-- (bench/README.md, issue 22). Their lookups keep using them: a status of queued or running,
-- a rerunOfId or testedAgainstId equal to a value (the foreign keys ON DELETE SET NULL) imply
-- the predicates, and the scheduled-run inserts name the predicate of the unique index in their ON CONFLICT.
DROP INDEX "Execution_status_idx";
CREATE INDEX "Execution_status_idx" ON "Execution"("status") WHERE status IN ('queued', 'running');

DROP INDEX "Execution_rerunOfId_idx";
CREATE INDEX "Execution_rerunOfId_idx" ON "Execution"("rerunOfId") WHERE "rerunOfId" IS NOT NULL;

DROP INDEX "Execution_testedAgainstId_idx";
CREATE INDEX "Execution_testedAgainstId_idx" ON "Execution"("testedAgainstId") WHERE "testedAgainstId" IS NOT NULL;

DROP INDEX "Execution_flowId_scheduledFor_key";
CREATE UNIQUE INDEX "Execution_flowId_scheduledFor_key" ON "Execution"("flowId", "scheduledFor") WHERE "scheduledFor" IS NOT NULL;
