import type { ExecutionEvent } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStore, StepAttemptRecord } from "@fluxo/engine";
import type pg from "pg";
import { utcParam } from "../db/sql.js";

const INSERT_EVENT = `INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload, at) VALUES ($1, $2, $3, $4, ${utcParam(5)})`;

/** Batches in flight at once; while they run, the next batch gathers (group commit). */
const MAX_IN_FLIGHT = 2;
/** Events in one statement at most. */
const MAX_BATCH = 256;

interface Pending {
  change: ExecutionChange;
  event: ExecutionEvent;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Stores each execution change together with its event, atomically, with GROUP COMMIT: the
 * events that concurrent executions emit while a statement runs are stored together by the
 * next one — one statement, one round trip and one WAL flush for many events. A batch holds at
 * most one event per execution (the engine awaits each `apply` before emitting its next event,
 * and a later one of the same execution waits for the next batch), so an execution's events
 * are stored in order and each `apply` resolves only once its event is committed: an event is
 * still stored before it is published. If a batch fails, its events are retried one statement
 * each, so a bad event fails only its own execution.
 */
export class SqlExecutionStore implements ExecutionStore {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  apply(change: ExecutionChange, event: ExecutionEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ change, event, resolve, reject });
      this.schedule();
    });
  }

  /** Stores one change and its event in one statement of its own (no batching). */
  async applyOne(change: ExecutionChange, event: ExecutionEvent): Promise<void> {
    const { sql, params } = statementFor(change);
    const eventParams = [event.executionId, event.seq, event.type, JSON.stringify(event), event.at];
    await this.pool.query({ name: `fluxo-apply-${change.kind}`, text: `WITH change AS (${sql}) ${INSERT_EVENT}`, values: [...eventParams, ...params] });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    // After the current I/O callbacks, so the events they emit join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch: Pending[] = [];
      const rest: Pending[] = [];
      const executions = new Set<string>();
      for (const item of this.queue) {
        if (batch.length < MAX_BATCH && !executions.has(item.event.executionId)) {
          executions.add(item.event.executionId);
          batch.push(item);
        } else rest.push(item);
      }
      this.queue = rest;
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      return this.applyOne(only.change, only.event).then(only.resolve, only.reject);
    }
    try {
      await this.pool.query({ name: "fluxo-apply-batch", text: APPLY_BATCH, values: [JSON.stringify(batch.map(toBatchRow))] });
    } catch {
      // Find out which event it was: each on its own, in order.
      for (const item of batch) await this.applyOne(item.change, item.event).then(item.resolve, item.reject);
      return;
    }
    for (const item of batch) item.resolve();
  }
}

/** One event of a batch with the fields its change sets (absent ones are NULL). */
function toBatchRow({ change, event }: Pending): Record<string, unknown> {
  const row: Record<string, unknown> = { kind: change.kind, eid: event.executionId, seq: event.seq, type: event.type, payload: event, evat: event.at };
  switch (change.kind) {
    case "execution.started":
      return { ...row, at: change.at.toISOString(), steps: change.steps };
    case "step.started":
      return { ...row, stepId: change.stepId, at: change.at.toISOString(), attempt: change.attempt };
    case "step.retrying":
      return { ...row, stepId: change.stepId, attempts: attemptsRecords(change.attempts) };
    case "step.finished": {
      const run = change.run;
      return {
        ...row,
        stepId: run.stepId,
        status: run.error ? "failed" : "succeeded",
        attempt: run.attempt,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        durationMs: run.durationMs,
        input: run.input ?? null,
        output: run.output ?? null,
        error: run.error ?? null,
        http: run.http ?? null,
        attempts: attemptsRecords(run.attempts),
      };
    }
    case "step.skipped":
      return { ...row, stepId: change.stepId };
    case "execution.finished":
      return { ...row, status: change.status, at: change.at.toISOString(), error: change.error ?? null };
  }
}

const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;

/**
 * Every change of a batch in one statement: each data-modifying CTE takes the rows of its kind.
 * They all see the same snapshot, which is why a batch never holds two events of one execution.
 */
const APPLY_BATCH = `
WITH b AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(kind text, eid uuid, seq int, type text, payload jsonb, evat timestamptz, at timestamptz,
    "stepId" text, attempt int, steps jsonb, status text, "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" int,
    input jsonb, output jsonb, error jsonb, http jsonb, attempts jsonb)
), execution_started AS (
  UPDATE "Execution" e SET status = 'running', "startedAt" = ${utc("b.at")}, "finishedAt" = NULL, error = NULL
  FROM b WHERE b.kind = 'execution.started' AND e.id = b.eid
), planned AS (
  INSERT INTO "StepRun" (id, "executionId", "stepId", position, connector, operation)
  SELECT gen_random_uuid(), b.eid, s."stepId", s.position, s.connector, s.operation
  FROM b CROSS JOIN LATERAL jsonb_to_recordset(b.steps) AS s("stepId" text, position int, connector text, operation text)
  WHERE b.kind = 'execution.started'
  ON CONFLICT ("executionId", "stepId") DO UPDATE SET status = 'pending', position = EXCLUDED.position, attempt = 0,
    "startedAt" = NULL, "finishedAt" = NULL, "durationMs" = NULL, input = NULL, output = NULL, error = NULL, http = NULL, attempts = '[]'
), step_started AS (
  UPDATE "StepRun" r SET status = 'running', attempt = b.attempt, "startedAt" = CASE WHEN b.attempt = 1 THEN ${utc("b.at")} ELSE r."startedAt" END
  FROM b WHERE b.kind = 'step.started' AND r."executionId" = b.eid AND r."stepId" = b."stepId"
), step_retrying AS (
  UPDATE "StepRun" r SET attempts = b.attempts
  FROM b WHERE b.kind = 'step.retrying' AND r."executionId" = b.eid AND r."stepId" = b."stepId"
), step_finished AS (
  UPDATE "StepRun" r SET status = b.status::"StepStatus", attempt = b.attempt, "startedAt" = ${utc('b."startedAt"')}, "finishedAt" = ${utc('b."finishedAt"')},
    "durationMs" = b."durationMs", input = b.input, output = b.output, error = b.error, http = b.http, attempts = b.attempts
  FROM b WHERE b.kind = 'step.finished' AND r."executionId" = b.eid AND r."stepId" = b."stepId"
), step_skipped AS (
  UPDATE "StepRun" r SET status = 'skipped'
  FROM b WHERE b.kind = 'step.skipped' AND r."executionId" = b.eid AND r."stepId" = b."stepId"
), execution_finished AS (
  UPDATE "Execution" e SET status = b.status::"ExecutionStatus", "finishedAt" = ${utc("b.at")}, error = b.error
  FROM b WHERE b.kind = 'execution.finished' AND e.id = b.eid
)
INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload, at) SELECT b.eid, b.seq, b.type, b.payload, ${utc("b.evat")} FROM b`;

/** The change as a statement whose parameters start at $6 ($1–$5 are the event's; $1 is the execution id). */
function statementFor(change: ExecutionChange): { sql: string; params: unknown[] } {
  switch (change.kind) {
    case "execution.started":
      // ON CONFLICT: a re-run (after a worker died mid-execution) starts its steps afresh.
      return {
        sql: `UPDATE "Execution" SET status = 'running', "startedAt" = ${utcParam(6)}, "finishedAt" = NULL, error = NULL WHERE id = $1
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
                "startedAt" = CASE WHEN $8 = 1 THEN ${utcParam(7)} ELSE "startedAt" END
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
        sql: `UPDATE "StepRun" SET status = $7::"StepStatus", attempt = $8, "startedAt" = ${utcParam(9)}, "finishedAt" = ${utcParam(10)}, "durationMs" = $11,
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
        sql: `UPDATE "Execution" SET status = $6::"ExecutionStatus", "finishedAt" = ${utcParam(7)}, error = $8::jsonb WHERE id = $1 RETURNING id`,
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

function attemptsRecords(attempts: StepAttemptRecord[]): unknown[] {
  return attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt.toISOString() }));
}
