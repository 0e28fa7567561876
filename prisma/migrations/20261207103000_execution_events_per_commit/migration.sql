-- The events one change of an execution commits together (two for most changes) become one row,
-- keyed by the seq of the last of them: one heap row, one index entry and one foreign key check
-- (a FOR KEY SHARE lock on the Execution) per commit instead of per event.
-- Each event stored before becomes a row of its own, so every reader sees the same events.
CREATE TABLE "ExecutionEvents" (
    "executionId" UUID NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "events" JSONB NOT NULL,

    CONSTRAINT "ExecutionEvents_pkey" PRIMARY KEY ("executionId","lastSeq")
);

INSERT INTO "ExecutionEvents" ("executionId", "lastSeq", "events")
SELECT "executionId", "seq", jsonb_build_array("payload") FROM "ExecutionEvent";

ALTER TABLE "ExecutionEvents" ADD CONSTRAINT "ExecutionEvents_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DROP TABLE "ExecutionEvent";
