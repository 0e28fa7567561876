-- How long each workspace keeps finished executions (issue 20): 14 days and at most 10 000, as n8n does.
ALTER TABLE "Workspace" ADD COLUMN "executionRetentionDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN "executionRetentionCount" INTEGER NOT NULL DEFAULT 10000;

-- Pruning walks executions oldest first.
CREATE INDEX "Execution_createdAt_idx" ON "Execution"("createdAt");
