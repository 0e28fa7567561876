import type { ExecutionEvent } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStore, StepAttemptRecord } from "@fluxo/engine";
import type pg from "pg";

/** A timestamp parameter: columns are `timestamp(3)` holding UTC, as Prisma writes them. */
const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

const INSERT_EVENT = `INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload, at) VALUES ($1, $2, $3, $4, ${ts(5)})`;

/**
 * Stores each execution change together with its event in ONE statement (data-modifying
 * CTEs are atomic): one round trip per event instead of a five-statement transaction,
 * which is what the profile of a loaded server showed as the cost of an execution.
 */
export class SqlExecutionStore implements ExecutionStore {
  constructor(private readonly pool: pg.Pool) {}

  async apply(change: ExecutionChange, event: ExecutionEvent): Promise<void> {
    const { sql, params } = statementFor(change);
    const eventParams = [event.executionId, event.seq, event.type, JSON.stringify(event), event.at];
    await this.pool.query(`WITH change AS (${sql}) ${INSERT_EVENT}`, [...eventParams, ...params]);
  }
}

/** The change as a statement whose parameters start at $6 ($1–$5 are the event's; $1 is the execution id). */
function statementFor(change: ExecutionChange): { sql: string; params: unknown[] } {
  switch (change.kind) {
    case "execution.started":
      // ON CONFLICT: a re-run (after a worker died mid-execution) starts its steps afresh.
      return {
        sql: `UPDATE "Execution" SET status = 'running', "startedAt" = ${ts(6)}, "finishedAt" = NULL, error = NULL WHERE id = $1
              RETURNING id), steps AS (
              INSERT INTO "StepRun" (id, "executionId", "stepId", position, connector, operation)
              SELECT gen_random_uuid(), $1, s."stepId", s.position, s.connector, s.operation
              FROM jsonb_to_recordset($7::jsonb) AS s("stepId" text, position int, connector text, operation text)
              ON CONFLICT ("executionId", "stepId") DO UPDATE SET status = 'pending', position = EXCLUDED.position, attempt = 0,
                "startedAt" = NULL, "finishedAt" = NULL, "durationMs" = NULL, input = NULL, output = NULL, error = NULL, http = NULL, attempts = '[]'
              RETURNING id`,
        params: [change.at.toISOString(), JSON.stringify(change.steps)],
      };
    case "step.started":
      return {
        sql: `UPDATE "StepRun" SET status = 'running', attempt = $8,
                "startedAt" = CASE WHEN $8 = 1 THEN ${ts(7)} ELSE "startedAt" END
              WHERE "executionId" = $1 AND "stepId" = $6 RETURNING id`,
        params: [change.stepId, change.at.toISOString(), change.attempt],
      };
    case "step.retrying":
      return {
        sql: `UPDATE "StepRun" SET attempts = $7::jsonb WHERE "executionId" = $1 AND "stepId" = $6 RETURNING id`,
        params: [change.stepId, attemptsJson(change.attempts)],
      };
    case "step.finished": {
      const run = change.run;
      return {
        sql: `UPDATE "StepRun" SET status = $7::"StepStatus", attempt = $8, "startedAt" = ${ts(9)}, "finishedAt" = ${ts(10)}, "durationMs" = $11,
                input = $12::jsonb, output = $13::jsonb, error = $14::jsonb, http = $15::jsonb, attempts = $16::jsonb
              WHERE "executionId" = $1 AND "stepId" = $6 RETURNING id`,
        params: [
          run.stepId,
          run.error ? "failed" : "succeeded",
          run.attempt,
          run.startedAt.toISOString(),
          run.finishedAt.toISOString(),
          run.durationMs,
          nullableJson(run.input),
          nullableJson(run.output),
          nullableJson(run.error),
          nullableJson(run.http),
          attemptsJson(run.attempts),
        ],
      };
    }
    case "step.skipped":
      return { sql: `UPDATE "StepRun" SET status = 'skipped' WHERE "executionId" = $1 AND "stepId" = $6 RETURNING id`, params: [change.stepId] };
    case "execution.finished":
      return {
        sql: `UPDATE "Execution" SET status = $6::"ExecutionStatus", "finishedAt" = ${ts(7)}, error = $8::jsonb WHERE id = $1 RETURNING id`,
        params: [change.status, change.at.toISOString(), nullableJson(change.error)],
      };
  }
}

function nullableJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function attemptsJson(attempts: StepAttemptRecord[]): string {
  return JSON.stringify(attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt.toISOString() })));
}
