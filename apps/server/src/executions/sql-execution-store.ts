import type { ExecutionEvent, FlowDefinition, RerunFrom, TriggerInput, TriggerSource } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionEnd, ExecutionStart, ExecutionStore, StepAttemptRecord } from "@fluxo/engine";
import type pg from "pg";
import { GroupCommit, type GroupCommitOptions } from "../db/group-commit.js";
import { bodySourceOf, SplicedJson } from "../http/body-source.js";

/**
 * Both stores' batching: four statements in flight each (of DATABASE_POOL_SIZE's 10 by default),
 * so PostgreSQL's backends keep both cores busy while the API gathers the next batch — two left
 * them idle in turns (bench/README.md, session 6: +6 to +29 % executions/s, row 4).
 */
const BATCHING = { maxInFlight: 4, maxBatch: 256 } satisfies GroupCommitOptions<unknown>;

interface Change {
  change: ExecutionChange;
  events: readonly ExecutionEvent[];
}

/**
 * Stores each execution change together with its events, atomically, by group commit (see
 * GroupCommit): the changes concurrent executions make while a statement runs are stored
 * together by the next one. A batch holds at most one change per execution (the engine awaits
 * each `apply` before making its next change, and a later one of the same execution waits for
 * the next batch), so an execution's changes are stored in order and each `apply` resolves only
 * once its change is committed: an event is still stored before it is published.
 */
export class SqlExecutionStore implements ExecutionStore {
  private readonly changes: GroupCommit<Change, void>;

  constructor(pool: pg.Pool) {
    this.changes = new GroupCommit(
      async (batch) => {
        const { name, text } = applyStatement(new Set(batch.map(({ change }) => change.kind)));
        await pool.query({ name, text, values: [JSON.stringify(batch.map(toBatchRow))] });
        return batch.map(() => undefined);
      },
      { ...BATCHING, key: ({ events }) => events[0]!.executionId },
    );
  }

  apply(change: ExecutionChange, events: readonly ExecutionEvent[]): Promise<void> {
    return this.changes.submit({ change, events });
  }
}

/**
 * One change of a batch with its events and the fields it sets (absent ones are NULL). Each kind
 * is one object literal, no spreads: the rows of a busy minute are thousands of objects, and a
 * literal of fixed shape is built and serialised without the map transitions a spread costs.
 */
function toBatchRow({ change, events }: Change): Record<string, unknown> {
  const eid = events[0]!.executionId;
  const lastSeq = events[events.length - 1]!.seq;
  switch (change.kind) {
    case "execution.started":
      return { kind: change.kind, eid, lastSeq, events, at: change.at.toISOString(), steps: change.steps, firstStepId: change.firstStep?.stepId ?? null, firstAt: change.firstStep?.at.toISOString() ?? null };
    case "step.started":
      return { kind: change.kind, eid, lastSeq, events, stepId: change.stepId, iteration: change.iteration, loopPath: change.loopPath, at: change.at.toISOString(), attempt: change.attempt };
    case "step.retrying":
      return { kind: change.kind, eid, lastSeq, events, stepId: change.stepId, iteration: change.iteration, attempts: attemptsRecords(change.attempts) };
    case "step.finished": {
      const { run, execution: end } = change;
      return {
        kind: change.kind,
        eid,
        lastSeq,
        events,
        stepId: run.stepId,
        iteration: run.iteration,
        loopPath: run.loopPath,
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
        route: run.route ?? null,
        reused: run.reused ?? false,
        endStatus: end?.status ?? null,
        endAt: end?.at.toISOString() ?? null,
        endError: end?.error ?? null,
      };
    }
    case "step.skipped":
      return { kind: change.kind, eid, lastSeq, events, stepId: change.stepId, iteration: change.iteration, loopPath: change.loopPath };
    case "step.progress":
      // Only its event is stored; the Loop's own row is final since it succeeded.
      return { kind: change.kind, eid, lastSeq, events, stepId: change.stepId };
    case "execution.finished":
      return { kind: change.kind, eid, lastSeq, events, endStatus: change.status, endAt: change.at.toISOString(), endError: change.error ?? null };
  }
}

const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;

/** Planned steps (`s`) as StepRun rows: the one named `firstStepId` starts at `firstAt`, the others wait. */
const STEP_RUN_COLUMNS = `("executionId", "stepId", position, connector, operation, status, attempt, "startedAt")`;
const plannedStepValues = (executionId: string, firstStepId: string, firstAt: string) => {
  const isFirst = `s."stepId" = ${firstStepId}`;
  return `${executionId}, s."stepId", s.position, s.connector, s.operation,
    CASE WHEN ${isFirst} THEN 'running' ELSE 'pending' END::"StepStatus", CASE WHEN ${isFirst} THEN 1 ELSE 0 END, CASE WHEN ${isFirst} THEN ${utc(firstAt)} END`;
};
const PLANNED_STEP = `s("stepId" text, position int, connector text, operation text)`;
/** The events of one commit as one row (see execution-events.ts). */
const EVENTS_COLUMNS = `("executionId", "lastSeq", events)`;

type ChangeKind = ExecutionChange["kind"];

const BATCH_ROWS = `b AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(kind text, eid uuid, "lastSeq" int, events jsonb, at timestamptz, steps jsonb, "firstStepId" text, "firstAt" timestamptz,
    "stepId" text, iteration int, "loopPath" int[], attempt int, status text, "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" int,
    input jsonb, output jsonb, error jsonb, http jsonb, attempts jsonb, route jsonb, reused boolean, "endStatus" text, "endAt" timestamptz, "endError" jsonb)
)`;

/**
 * What each kind of change does to the rows, one data-modifying CTE each, named by the kinds whose
 * rows it takes. A batch's statement holds only the CTEs of the kinds it carries (`applyStatement`):
 * every CTE scans the batch and is set up by the executor whether or not it finds rows, so the
 * batch of a one-step run's end — the commonest one — runs 3 of them instead of 10 (0.15 against
 * 0.22–0.26 ms in PostgreSQL per statement, bench/README.md, session 13).
 */
const CHANGE_CTES: readonly { kinds: readonly ChangeKind[]; sql: string }[] = [
  {
    kinds: ["execution.started"],
    sql: `execution_started AS (
  UPDATE "Execution" e SET status = 'running', "startedAt" = ${utc("b.at")}, "finishedAt" = NULL, error = NULL
  FROM b WHERE b.kind = 'execution.started' AND e.id = b.eid
)`,
  },
  {
    kinds: ["execution.started"],
    sql: `planned AS (
  -- ON CONFLICT: a re-run (after a worker died mid-execution) starts its steps afresh.
  INSERT INTO "StepRun" ${STEP_RUN_COLUMNS}
  SELECT ${plannedStepValues("b.eid", 'b."firstStepId"', 'b."firstAt"')}
  FROM b CROSS JOIN LATERAL jsonb_to_recordset(b.steps) AS ${PLANNED_STEP}
  WHERE b.kind = 'execution.started'
  ON CONFLICT ("executionId", "stepId", iteration) DO UPDATE SET status = EXCLUDED.status, position = EXCLUDED.position, attempt = EXCLUDED.attempt,
    "startedAt" = EXCLUDED."startedAt", "finishedAt" = NULL, "durationMs" = NULL, input = NULL, output = NULL, error = NULL, http = NULL, attempts = '[]', route = NULL, reused = false, "loopPath" = '{}'
)`,
  },
  {
    kinds: ["execution.started"],
    sql: `earlier_passes AS (
  -- A re-run drops the Loop passes of the run it replaces.
  DELETE FROM "StepRun" r USING b WHERE b.kind = 'execution.started' AND r."executionId" = b.eid AND r.iteration > 0
)`,
  },
  {
    kinds: ["step.started"],
    sql: `step_started AS (
  UPDATE "StepRun" r SET status = 'running', attempt = b.attempt, "startedAt" = CASE WHEN b.attempt = 1 THEN ${utc("b.at")} ELSE r."startedAt" END, "loopPath" = b."loopPath"
  FROM b WHERE b.kind = 'step.started' AND b.iteration = 0 AND r."executionId" = b.eid AND r."stepId" = b."stepId" AND r.iteration = 0
)`,
  },
  {
    kinds: ["step.started", "step.skipped"],
    sql: `pass_started AS (
  -- A later pass of a step in a Loop's branch: a row of its own, like the step's first one.
  INSERT INTO "StepRun" ("executionId", "stepId", iteration, "loopPath", position, connector, operation, status, attempt, "startedAt")
  SELECT b.eid, b."stepId", b.iteration, b."loopPath", r.position, r.connector, r.operation,
    CASE WHEN b.kind = 'step.skipped' THEN 'skipped' ELSE 'running' END::"StepStatus", COALESCE(b.attempt, 0), ${utc("b.at")}
  FROM b JOIN "StepRun" r ON r."executionId" = b.eid AND r."stepId" = b."stepId" AND r.iteration = 0
  WHERE b.kind IN ('step.started', 'step.skipped') AND b.iteration > 0
  ON CONFLICT ("executionId", "stepId", iteration) DO UPDATE SET status = EXCLUDED.status, attempt = EXCLUDED.attempt
)`,
  },
  {
    kinds: ["step.retrying"],
    sql: `step_retrying AS (
  UPDATE "StepRun" r SET attempts = b.attempts
  FROM b WHERE b.kind = 'step.retrying' AND r."executionId" = b.eid AND r."stepId" = b."stepId" AND r.iteration = b.iteration
)`,
  },
  {
    kinds: ["step.finished"],
    sql: `step_finished AS (
  UPDATE "StepRun" r SET status = b.status::"StepStatus", attempt = b.attempt, "startedAt" = ${utc('b."startedAt"')}, "finishedAt" = ${utc('b."finishedAt"')},
    "durationMs" = b."durationMs", input = b.input, output = b.output, error = b.error, http = b.http, attempts = b.attempts, route = b.route, reused = b.reused, "loopPath" = b."loopPath"
  FROM b WHERE b.kind = 'step.finished' AND r."executionId" = b.eid AND r."stepId" = b."stepId" AND r.iteration = b.iteration
)`,
  },
  {
    kinds: ["step.skipped"],
    sql: `step_skipped AS (
  UPDATE "StepRun" r SET status = 'skipped', "loopPath" = b."loopPath"
  FROM b WHERE b.kind = 'step.skipped' AND b.iteration = 0 AND r."executionId" = b.eid AND r."stepId" = b."stepId" AND r.iteration = 0
)`,
  },
  {
    kinds: ["step.finished", "execution.finished"],
    sql: `execution_finished AS (
  -- By an execution.finished change, or by the last step's step.finished. The kinds are named
  -- so the planner, which can't know how many rows b holds, reaches the execution by its key
  -- like every other CTE here. On "endStatus" IS NOT NULL alone it guessed most of b, and read
  -- the whole Execution table for every batch whenever its statistics made the table look small
  -- (a fresh or a just-grown one): 1.8 ms per batch at 4 000 executions, and growing.
  UPDATE "Execution" e SET status = b."endStatus"::"ExecutionStatus", "finishedAt" = ${utc('b."endAt"')}, error = b."endError"
  FROM b WHERE b.kind IN ('step.finished', 'execution.finished') AND b."endStatus" IS NOT NULL AND e.id = b.eid
)`,
  },
];

/**
 * The statement storing a batch whose changes are of `kinds`, with its prepared statement's name:
 * each data-modifying CTE takes the rows of its kind, and the events of every change go in as one
 * row each. They all see the same snapshot, which is why a batch never holds two changes of one
 * execution. Exported for the test of its plans (statement-plans.test.ts).
 */
export function applyStatement(kinds: ReadonlySet<ChangeKind>): { name: string; text: string } {
  const ctes = CHANGE_CTES.filter((cte) => cte.kinds.some((kind) => kinds.has(kind)));
  const key = ctes.map((cte) => CHANGE_CTES.indexOf(cte)).join(".");
  let statement = applyStatements.get(key);
  if (!statement) {
    statement = {
      name: `fluxo-apply-${key || "events"}`,
      text: `WITH ${[BATCH_ROWS, ...ctes.map((cte) => cte.sql)].join(", ")}\nINSERT INTO "ExecutionEvents" ${EVENTS_COLUMNS} SELECT b.eid, b."lastSeq", b.events FROM b`,
    };
    applyStatements.set(key, statement);
  }
  return statement;
}
const applyStatements = new Map<string, { name: string; text: string }>();

/** The statement of a batch holding every kind of change. */
export const APPLY_BATCH = applyStatement(new Set(CHANGE_CTES.flatMap((cte) => cte.kinds))).text;

/** A new execution as a trigger stores it, and what its flow was when the definition was read. */
export interface NewExecution {
  id: string;
  flowId: string;
  workspaceId: string;
  /** The draft's save counter, or the published version's number. */
  flowVersion: number;
  draft: boolean;
  /** A draft run: when the draft it ran was saved. */
  draftSavedAt: Date | null;
  /** A published run: the gateway address it was called by. */
  slug: string | null;
  triggerSource: TriggerSource;
  definition: FlowDefinition;
  input: TriggerInput;
  createdAt: Date;
  /** Given when it runs in this process: it is stored already started. */
  start: ExecutionStart | null;
  /** A scheduled run's tick: a second execution for the same flow and tick is not stored. */
  scheduledFor?: Date | null;
  /** A re-run: the execution it re-runs and from where (stored whatever the published version is now: it runs the one it re-runs). */
  rerunOfId?: string | null;
  rerunFrom?: RerunFrom | null;
  /** A step test: the execution whose data its expressions see. */
  testedAgainstId?: string | null;
}

/**
 * Stores new executions by group commit: queued, or — when `start` is given — already started,
 * its steps and start events in the same statement, so a run takes one commit fewer.
 * Each is stored only if its flow still is what the definition was read from (a draft run: the
 * draft's save counter; a published run: the slug and the latest published version; a scheduled
 * run, which has no slug: the latest published version), checked by the statement itself: a caller
 * can run a definition it remembers without reading the flow first. `insert` resolves false when
 * the flow changed or is gone (read it again), or when the tick of a scheduled run was stored already.
 */
export class SqlNewExecutions {
  private readonly inserts: GroupCommit<NewExecution, boolean>;

  constructor(pool: pg.Pool) {
    this.inserts = new GroupCommit(
      async (batch) => {
        try {
          const json = new SplicedJson();
          const { rows } = await pool.query<{ id: string }>({ name: "fluxo-insert-executions", text: INSERT_EXECUTIONS, values: [json.stringify(batch.map((execution) => toNewExecutionRow(execution, json)))] });
          const stored = new Set(rows.map((r) => r.id));
          return batch.map((execution) => stored.has(execution.id));
        } catch (error) {
          // Deleted between the check and the insert: that one alone (a batch is retried one by one).
          if (batch.length === 1 && (error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return [false];
          throw error;
        }
      },
      BATCHING,
    );
  }

  insert(execution: NewExecution): Promise<boolean> {
    return this.inserts.submit(execution);
  }
}

const FOREIGN_KEY_VIOLATION = "23503";

/** A gateway body is written from the text it came as (body-source.ts), not serialised again. One literal of fixed shape (see toBatchRow). */
function toNewExecutionRow(execution: NewExecution, json: SplicedJson): Record<string, unknown> {
  const { start, input } = execution;
  const bodySource = bodySourceOf(input);
  return {
    id: execution.id,
    flowId: execution.flowId,
    workspaceId: execution.workspaceId,
    flowVersion: execution.flowVersion,
    draft: execution.draft,
    draftSavedAt: execution.draftSavedAt?.toISOString() ?? null,
    slug: execution.slug,
    triggerSource: execution.triggerSource,
    // A published run's definition is its FlowVersion's (ran-definition.ts): not sent, not stored.
    definition: execution.draft ? execution.definition : null,
    input: bodySource === undefined ? input : ({ body: json.placeholder(bodySource), headers: input.headers, query_params: input.query_params } satisfies Record<keyof TriggerInput, unknown>),
    createdAt: execution.createdAt.toISOString(),
    status: start ? "running" : "queued",
    startedAt: start?.change.at.toISOString() ?? null,
    steps: start?.change.steps ?? [],
    firstStepId: start?.change.firstStep?.stepId ?? null,
    firstAt: start?.change.firstStep?.at.toISOString() ?? null,
    lastSeq: start ? start.events[start.events.length - 1]!.seq : null,
    events: start?.events ?? [],
    scheduledFor: execution.scheduledFor?.toISOString() ?? null,
    rerunOfId: execution.rerunOfId ?? null,
    rerunFrom: execution.rerunFrom ?? null,
    testedAgainstId: execution.testedAgainstId ?? null,
  };
}

const INSERT_EXECUTIONS = `
WITH n AS (
  SELECT n.* FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, "flowId" uuid, "workspaceId" uuid, "flowVersion" int, draft boolean, "draftSavedAt" timestamptz, slug text,
    "triggerSource" text, definition jsonb, input jsonb, "createdAt" timestamptz, status text, "startedAt" timestamptz, steps jsonb,
    "firstStepId" text, "firstAt" timestamptz, "lastSeq" int, events jsonb, "scheduledFor" timestamptz, "rerunOfId" uuid, "rerunFrom" text, "testedAgainstId" uuid)
  JOIN "Flow" f ON f.id = n."flowId" AND f."workspaceId" = n."workspaceId"
  WHERE CASE WHEN n.draft THEN f.version = n."flowVersion"
    WHEN n."rerunOfId" IS NOT NULL THEN true
    WHEN n.slug IS NULL THEN n."flowVersion" = (SELECT max(v.number) FROM "FlowVersion" v WHERE v."flowId" = f.id)
    ELSE f.slug = n.slug AND n."flowVersion" = (SELECT max(v.number) FROM "FlowVersion" v WHERE v."flowId" = f.id) END
), e AS (
  INSERT INTO "Execution" (id, "flowId", "flowVersion", draft, "draftSavedAt", "triggerSource", definition, input, status, "startedAt", "createdAt", "scheduledFor", "rerunOfId", "rerunFrom", "testedAgainstId")
  SELECT id, "flowId", "flowVersion", draft, ${utc('"draftSavedAt"')}, "triggerSource"::"TriggerSource", definition, input, status::"ExecutionStatus", ${utc('"startedAt"')}, ${utc('"createdAt"')}, ${utc('"scheduledFor"')},
    "rerunOfId", "rerunFrom"::"RerunFrom", "testedAgainstId" FROM n
  ON CONFLICT ("flowId", "scheduledFor") WHERE "scheduledFor" IS NOT NULL DO NOTHING
  RETURNING id
), steps AS (
  INSERT INTO "StepRun" ${STEP_RUN_COLUMNS}
  SELECT ${plannedStepValues("n.id", 'n."firstStepId"', 'n."firstAt"')} FROM n JOIN e USING (id) CROSS JOIN LATERAL jsonb_to_recordset(n.steps) AS ${PLANNED_STEP}
), events AS (
  -- A queued execution has no events yet.
  INSERT INTO "ExecutionEvents" ${EVENTS_COLUMNS} SELECT n.id, n."lastSeq", n.events FROM n JOIN e USING (id) WHERE n."lastSeq" IS NOT NULL
)
SELECT id FROM e`;

/** Every member of an attempt, always in this order (one shape); JSON leaves out the ones undefined. */
function attemptsRecords(attempts: StepAttemptRecord[]): { [K in keyof Required<StepAttemptRecord>]: unknown }[] {
  return attempts.map((a) => ({
    attempt: a.attempt,
    startedAt: a.startedAt.toISOString(),
    finishedAt: a.finishedAt.toISOString(),
    durationMs: a.durationMs,
    error: a.error,
    http: a.http,
    exchanges: a.exchanges,
    retryInMs: a.retryInMs,
  }));
}
