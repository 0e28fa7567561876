import type { ExecutionEvent, FlowDefinition, TriggerInput, TriggerSource } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionEnd, ExecutionStart, ExecutionStore, StepAttemptRecord } from "@fluxo/engine";
import type pg from "pg";
import { utcParam } from "../db/sql.js";

/** Batches in flight at once; while they run, the next batch gathers (group commit). */
const MAX_IN_FLIGHT = 2;
/** Changes in one statement at most. */
const MAX_BATCH = 256;

interface Pending {
  change: ExecutionChange;
  events: readonly ExecutionEvent[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Stores each execution change together with its events, atomically, with GROUP COMMIT: the
 * changes that concurrent executions make while a statement runs are stored together by the
 * next one — one statement, one round trip and one WAL flush for many. A batch holds at most
 * one change per execution (the engine awaits each `apply` before making its next change, and
 * a later one of the same execution waits for the next batch), so an execution's changes are
 * stored in order and each `apply` resolves only once its change is committed: an event is
 * still stored before it is published. If a batch fails, its changes are retried one
 * statement each, so a bad change fails only its own execution.
 */
export class SqlExecutionStore implements ExecutionStore {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  apply(change: ExecutionChange, events: readonly ExecutionEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ change, events, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    // After the current I/O callbacks, so the changes they make join this batch.
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
        const executionId = item.events[0]!.executionId;
        if (batch.length < MAX_BATCH && !executions.has(executionId)) {
          executions.add(executionId);
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
    try {
      await this.store(batch);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Find out which change it was: each on its own, in order.
      for (const item of batch) await this.store([item]).then(item.resolve, item.reject);
      return;
    }
    for (const item of batch) item.resolve();
  }

  private async store(batch: Pending[]): Promise<void> {
    await this.pool.query({ name: "fluxo-apply-batch", text: APPLY_BATCH, values: [JSON.stringify(batch.map(toBatchRow))] });
  }
}

/** One change of a batch with its events and the fields it sets (absent ones are NULL). */
function toBatchRow({ change, events }: Pending): Record<string, unknown> {
  const row = { kind: change.kind, eid: events[0]!.executionId, events };
  const end = (e: ExecutionEnd | null) => (e ? { endStatus: e.status, endAt: e.at.toISOString(), endError: e.error ?? null } : {});
  switch (change.kind) {
    case "execution.started":
      return { ...row, at: change.at.toISOString(), steps: change.steps, firstStepId: change.firstStep?.stepId ?? null, firstAt: change.firstStep?.at.toISOString() ?? null };
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
        ...end(change.execution),
      };
    }
    case "step.skipped":
      return { ...row, stepId: change.stepId };
    case "execution.finished":
      return { ...row, ...end(change) };
  }
}

const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;

/** Planned steps (`s`) as StepRun rows: the one named `firstStepId` starts at `firstAt`, the others wait. */
const STEP_RUN_COLUMNS = `(id, "executionId", "stepId", position, connector, operation, status, attempt, "startedAt")`;
const plannedStepValues = (executionId: string, firstStepId: string, firstAt: string) => {
  const isFirst = `s."stepId" = ${firstStepId}`;
  return `gen_random_uuid(), ${executionId}, s."stepId", s.position, s.connector, s.operation,
    CASE WHEN ${isFirst} THEN 'running' ELSE 'pending' END::"StepStatus", CASE WHEN ${isFirst} THEN 1 ELSE 0 END, CASE WHEN ${isFirst} THEN ${utc(firstAt)} END`;
};
const PLANNED_STEP = `s("stepId" text, position int, connector text, operation text)`;
/** An event's row from its JSON payload `p`. */
const EVENT_COLUMNS = `("executionId", seq, type, payload, at)`;
const eventValues = (executionId: string) => `${executionId}, (p->>'seq')::int, p->>'type', p, ${utc("(p->>'at')::timestamptz")}`;

/**
 * Every change of a batch in one statement: each data-modifying CTE takes the rows of its kind.
 * They all see the same snapshot, which is why a batch never holds two changes of one execution.
 */
const APPLY_BATCH = `
WITH b AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(kind text, eid uuid, events jsonb, at timestamptz, steps jsonb, "firstStepId" text, "firstAt" timestamptz,
    "stepId" text, attempt int, status text, "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" int,
    input jsonb, output jsonb, error jsonb, http jsonb, attempts jsonb, "endStatus" text, "endAt" timestamptz, "endError" jsonb)
), execution_started AS (
  UPDATE "Execution" e SET status = 'running', "startedAt" = ${utc("b.at")}, "finishedAt" = NULL, error = NULL
  FROM b WHERE b.kind = 'execution.started' AND e.id = b.eid
), planned AS (
  -- ON CONFLICT: a re-run (after a worker died mid-execution) starts its steps afresh.
  INSERT INTO "StepRun" ${STEP_RUN_COLUMNS}
  SELECT ${plannedStepValues("b.eid", 'b."firstStepId"', 'b."firstAt"')}
  FROM b CROSS JOIN LATERAL jsonb_to_recordset(b.steps) AS ${PLANNED_STEP}
  WHERE b.kind = 'execution.started'
  ON CONFLICT ("executionId", "stepId") DO UPDATE SET status = EXCLUDED.status, position = EXCLUDED.position, attempt = EXCLUDED.attempt,
    "startedAt" = EXCLUDED."startedAt", "finishedAt" = NULL, "durationMs" = NULL, input = NULL, output = NULL, error = NULL, http = NULL, attempts = '[]'
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
  -- By an execution.finished change, or by the last step's step.finished.
  UPDATE "Execution" e SET status = b."endStatus"::"ExecutionStatus", "finishedAt" = ${utc('b."endAt"')}, error = b."endError"
  FROM b WHERE b."endStatus" IS NOT NULL AND e.id = b.eid
)
INSERT INTO "ExecutionEvent" ${EVENT_COLUMNS} SELECT ${eventValues("b.eid")} FROM b CROSS JOIN LATERAL jsonb_array_elements(b.events) AS p`;

/** A new execution as a trigger stores it. */
export interface NewExecution {
  id: string;
  flowId: string;
  flowVersion: number;
  draft: boolean;
  triggerSource: TriggerSource;
  definition: FlowDefinition;
  input: TriggerInput;
  createdAt: Date;
}

/**
 * Stores a new execution: queued, or — when `start` is given, because it runs in this process
 * — already started, its steps and start events in the same statement, so a run takes one
 * commit fewer. Resolves false when the flow is gone (deleted meanwhile).
 */
export async function insertExecution(pool: pg.Pool, execution: NewExecution, start: ExecutionStart | null): Promise<boolean> {
  try {
    await pool.query({
      name: "fluxo-insert-execution",
      text: INSERT_EXECUTION,
      values: [
        execution.id,
        execution.flowId,
        execution.flowVersion,
        execution.draft,
        execution.triggerSource,
        JSON.stringify(execution.definition),
        JSON.stringify(execution.input),
        start ? "running" : "queued",
        start?.change.at.toISOString() ?? null,
        JSON.stringify(start?.change.steps ?? []),
        start?.change.firstStep?.stepId ?? null,
        start?.change.firstStep?.at.toISOString() ?? null,
        JSON.stringify(start?.events ?? []),
        execution.createdAt.toISOString(),
      ],
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return false;
    throw error;
  }
}

const FOREIGN_KEY_VIOLATION = "23503";

const INSERT_EXECUTION = `
WITH e AS (
  INSERT INTO "Execution" (id, "flowId", "flowVersion", draft, "triggerSource", definition, input, status, "startedAt", "createdAt")
  VALUES ($1, $2, $3, $4, $5::"TriggerSource", $6::jsonb, $7::jsonb, $8::"ExecutionStatus", ${utcParam(9)}, ${utcParam(14)})
), steps AS (
  INSERT INTO "StepRun" ${STEP_RUN_COLUMNS}
  SELECT ${plannedStepValues("$1", "$11", "$12::timestamptz")} FROM jsonb_to_recordset($10::jsonb) AS ${PLANNED_STEP}
), events AS (
  INSERT INTO "ExecutionEvent" ${EVENT_COLUMNS} SELECT ${eventValues("$1::uuid")} FROM jsonb_array_elements($13::jsonb) AS p
)
SELECT 1`;

function attemptsRecords(attempts: StepAttemptRecord[]): unknown[] {
  return attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt.toISOString() }));
}
