-- Step runs and events are found by their execution and their stepId / seq, never by a row id of
-- their own: those keys become the primary keys and the surrogate ids go. Each row written is one
-- index entry (and, for events, one sequence call) cheaper: measured in bench/README.md (session 6).

-- DropIndex
DROP INDEX "StepRun_executionId_stepId_key";

-- DropIndex
DROP INDEX "ExecutionEvent_executionId_seq_key";

-- AlterTable
ALTER TABLE "StepRun" DROP CONSTRAINT "StepRun_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "StepRun_pkey" PRIMARY KEY ("executionId", "stepId");

-- AlterTable
ALTER TABLE "ExecutionEvent" DROP CONSTRAINT "ExecutionEvent_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "ExecutionEvent_pkey" PRIMARY KEY ("executionId", "seq");

