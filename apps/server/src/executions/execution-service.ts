import { problem } from "../http/route-problems.js";
import type { Execution, ExecutionEvent, ExecutionListPage, ExecutionListQuery, ExecutionSummary, FlowDefinition, RerunFrom, StepAttempt, StepErrorInfo, StepRun, TriggerInput, TriggerSource } from "@fluxo/contracts";
import { FlowDefinitionSchema, stepMessage, TriggerInputSchema } from "@fluxo/contracts";
import { randomUUID } from "node:crypto";
import { executionStart } from "@fluxo/engine";
import type pg from "pg";
import type { PrismaClient } from "../db/database.js";
import { fromJson } from "../db/json.js";
import { utcColumn, utcParam } from "../db/sql.js";
import type { StepRun as StepRunRow } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { listProblems, toExecutionSummary } from "../flows/flow-service.js";
import { JsonText, SplicedJson } from "../http/body-source.js";
import { notFound, ProblemError } from "../http/problem.js";
import { displayOutputTokens, openOutputToken, openOutputTokens, TOKEN_KEYS } from "../secrets/step-output-tokens.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { ExecutionEventBus } from "./event-bus.js";
import { SqlNewExecutions, type NewExecution } from "./sql-execution-store.js";
import { storedEventsAfter, storedFinishedEvent } from "./execution-events.js";
import { ranDefinition } from "./ran-definition.js";
import { RecentFlows, type RunnableFlow } from "./recent-flows.js";
import type { RunOutcomes } from "./run-outcomes.js";
import { listWorkspaceExecutions } from "./workspace-executions.js";
import type { ExecutionLauncher } from "./execution-launcher.js";
import type { KnownExecution } from "./execution-runner.js";

/** What the gateway's …/sync answer is made of, per step run, in run order (a Loop's passes after their step). */
export type StepOutcome = Pick<StepRun, "stepId" | "status" | "output" | "error">;

/** How a new execution was asked for, and what links it to earlier ones. */
export type NewTrigger = Pick<NewExecution, "input" | "triggerSource" | "scheduledFor" | "rerunOfId" | "rerunFrom" | "testedAgainstId">;

/** How a trigger starts its execution: `check` sees the definition before anything is stored; `keepOutcome`: the caller answers from `outcome` (see RunOutcomes). */
export interface TriggerOptions {
  check?: (definition: FlowDefinition) => void;
  keepOutcome?: boolean;
}

export type ScheduledTrigger = { outcome: "started" | "failed"; executionId: string } | { outcome: "gone" | "duplicate" };

/** How many recently triggered executions this process remembers the workspace of. */
const RECENT_LIMIT = 10_000;

export class ExecutionService {
  /**
   * Executions triggered here lately, with their workspace: the browser (or client) that
   * triggered one opens its event stream right after, and that check then needs no query.
   */
  private readonly recent = new Map<string, string>();
  private readonly recentFlows = new RecentFlows();
  private readonly newExecutions: SqlNewExecutions;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
    private readonly launcher: ExecutionLauncher,
    private readonly box: SecretBox,
    /** Where a new execution is announced, so the flow's open history panels show it at once. */
    private readonly bus: Pick<ExecutionEventBus, "announce">,
    /** The runs of executions whose outcome is asked for right after they end, kept as they are stored (single mode). */
    private readonly outcomes: RunOutcomes,
    /** Refuses (422 per step and field) a draft that can't run yet: a draft saves unfinished. */
    private readonly assertRunnable: (workspaceId: string, definition: FlowDefinition) => Promise<void> = async () => {},
  ) {
    this.newExecutions = new SqlNewExecutions(pool);
  }

  /** True when this process runs the executions it starts (single mode), false when workers do (queue mode). */
  get runsHere(): boolean {
    return this.launcher.runsHere;
  }

  /** Runs a flow's draft (from the editor or the API). */
  trigger(workspaceId: string, flowId: string, input: TriggerInput, source: Exclude<TriggerSource, "gateway" | "schedule">): Promise<{ executionId: string }> {
    return this.run(workspaceId, `draft ${flowId}`, () => this.readDraft(workspaceId, flowId), { input, triggerSource: source });
  }

  /**
   * A gateway call: runs the flow's latest published version (404 unknown slug, 409 never
   * published). `check` sees the version before anything is stored, so a bad request starts nothing.
   */
  triggerPublished(workspaceId: string, slug: string, input: TriggerInput, options: TriggerOptions = {}): Promise<{ executionId: string }> {
    return this.run(workspaceId, `published ${slug}`, () => this.readPublished(workspaceId, slug), { input, triggerSource: "gateway" }, options);
  }

  /**
   * One tick of a flow's Agendador (see schedules/): its latest published version with the
   * schedule's input, stored once per tick however many processes deliver it. "gone": the schedule
   * was removed or disabled meanwhile (the caller stops firing it); "duplicate": this tick ran already.
   * A version that can't run now (its connection was deleted since) is stored as a failed execution.
   */
  async triggerScheduled(flowId: string, scheduledFor: Date): Promise<ScheduledTrigger> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { rows } = await this.pool.query<{ workspaceId: string; enabled: boolean; input: unknown; number: number | null; definition: unknown }>(
        `SELECT f."workspaceId", s.enabled, s.input, v.number, v.definition FROM "FlowSchedule" s JOIN "Flow" f ON f.id = s."flowId"
         LEFT JOIN LATERAL (SELECT number, definition FROM "FlowVersion" WHERE "flowId" = f.id ORDER BY number DESC LIMIT 1) v ON true
         WHERE s."flowId" = $1`,
        [flowId],
      );
      const row = rows[0];
      if (!row || !row.enabled || row.number === null) return { outcome: "gone" };
      const flow: RunnableFlow = { flowId, version: row.number, draft: false, savedAt: null, slug: null, definition: FlowDefinitionSchema.parse(row.definition) };
      const input = TriggerInputSchema.parse(row.input);
      try {
        await this.assertRunnable(row.workspaceId, flow.definition);
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status !== 422) throw error;
        const executionId = await this.recordFailedStart(row.workspaceId, flow, input, scheduledFor, { kind: "invalid_parameters", ...stepMessage("engine.cannot_run", { problems: listProblems(error.errors ?? []) }), ...(error.errors ? { fields: error.errors.map((e) => ({ path: e.path, message: e.message })) } : {}) });
        return executionId ? { outcome: "failed", executionId } : { outcome: "duplicate" };
      }
      const executionId = await this.start(row.workspaceId, flow, { input, triggerSource: "schedule", scheduledFor });
      if (executionId) return { outcome: "started", executionId };
      const stored = await this.pool.query(`SELECT 1 FROM "Execution" WHERE "flowId" = $1 AND "scheduledFor" = ${utcParam(2)}`, [flowId, scheduledFor.toISOString()]);
      if (stored.rowCount === 1) return { outcome: "duplicate" };
      // Published again between the read and the insert: read the new version.
    }
    throw new Error(`flow ${flowId} kept changing while its scheduled run was being stored`);
  }

  /** A tick whose run can't start is kept as a failed execution (with its reason), not dropped. Null: the tick was stored already. */
  private async recordFailedStart(workspaceId: string, flow: RunnableFlow, input: TriggerInput, scheduledFor: Date, error: StepErrorInfo): Promise<string | null> {
    const id = randomUUID();
    const at = new Date();
    const finished: ExecutionEvent = { seq: 1, type: "execution.finished", executionId: id, at: at.toISOString(), status: "failed", durationMs: 0, error };
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH e AS (
         INSERT INTO "Execution" (id, "flowId", "flowVersion", draft, "triggerSource", input, status, error, "createdAt", "startedAt", "finishedAt", "scheduledFor")
         VALUES ($1, $2, $3, false, 'schedule', $4, 'failed', $5, ${utcParam(6)}, ${utcParam(6)}, ${utcParam(6)}, ${utcParam(7)})
         ON CONFLICT ("flowId", "scheduledFor") WHERE "scheduledFor" IS NOT NULL DO NOTHING RETURNING id
       ), ev AS (
         INSERT INTO "ExecutionEvents" ("executionId", "lastSeq", events) SELECT id, 1, $8 FROM e
       )
       SELECT id FROM e`,
      [id, flow.flowId, flow.version, JSON.stringify(input), JSON.stringify(error), at.toISOString(), scheduledFor.toISOString(), JSON.stringify([finished])],
    );
    if (rows.length === 0) return null;
    this.bus.announce(toExecutionSummary({ id, flowId: flow.flowId, flowVersion: flow.version, draft: false, draftSavedAt: null, triggerSource: "schedule", status: "failed", startedAt: at, finishedAt: at, createdAt: at }), workspaceId);
    return id;
  }

  /**
   * Runs the definition this process remembers for the flow, or reads it. The insert stores the
   * execution only if the flow is still at that version; when it isn't (changed or deleted
   * meanwhile) the flow is read again. A remembered definition the request doesn't fit is read
   * again too before refusing it: it may be the one that changed.
   */
  private async run(workspaceId: string, key: string, read: () => Promise<RunnableFlow>, trigger: NewTrigger, { check = () => {}, keepOutcome }: TriggerOptions = {}): Promise<{ executionId: string }> {
    const recentKey = `${workspaceId} ${key}`;
    for (let attempt = 1; ; attempt++) {
      let flow = this.recentFlows.get(recentKey);
      if (!flow || !fits(check, flow.definition)) {
        flow = this.recentFlows.remember(recentKey, await read());
        check(flow.definition);
      }
      const executionId = await this.start(workspaceId, flow, trigger, { keepOutcome });
      if (executionId) return { executionId };
      this.recentFlows.forget(recentKey);
      if (attempt === 3) throw new ProblemError(409, "Conflict", problem("flow.changed_while_triggered"));
    }
  }

  /** The flow's draft as it runs; `runnable: false` leaves checking it to the caller (a step test checks its step only). */
  async readDraft(workspaceId: string, flowId: string, runnable = true): Promise<RunnableFlow> {
    const { rows } = isUuid(flowId)
      ? await this.pool.query<{ version: number; definition: unknown; savedAt: Date }>({
          name: "fluxo-trigger-flow",
          text: `SELECT version, definition, ${utcColumn('"savedAt"')} FROM "Flow" WHERE id = $1 AND "workspaceId" = $2`,
          values: [flowId, workspaceId],
        })
      : { rows: [] };
    const flow = rows[0];
    if (!flow) throw notFound("thing.flow", flowId);
    const definition = FlowDefinitionSchema.parse(flow.definition);
    if (runnable) await this.assertRunnable(workspaceId, definition);
    return { flowId, version: flow.version, draft: true, savedAt: flow.savedAt, slug: null, definition };
  }

  private async readPublished(workspaceId: string, slug: string): Promise<RunnableFlow> {
    const { rows } = await this.pool.query<{ id: string; name: string; number: number | null; definition: unknown }>(
      `SELECT f.id, f.name, v.number, v.definition FROM "Flow" f
       LEFT JOIN LATERAL (SELECT number, definition FROM "FlowVersion" WHERE "flowId" = f.id ORDER BY number DESC LIMIT 1) v ON true
       WHERE f.slug = $1 AND f."workspaceId" = $2`,
      [slug, workspaceId],
    );
    const flow = rows[0];
    if (!flow) throw new ProblemError(404, "Not Found", problem("flow.no_such_slug", { slug }));
    if (flow.number === null) throw new ProblemError(409, "Conflict", problem("flow.not_published", { name: flow.name }));
    return { flowId: flow.id, version: flow.number, draft: false, savedAt: null, slug, definition: FlowDefinitionSchema.parse(flow.definition) };
  }

  /**
   * Persists the execution before answering, then runs it in the background (or enqueues it).
   * One that runs here is stored already started (its first step running): one write, not two.
   * Null when the flow is no longer at the version it was read at.
   */
  async start(workspaceId: string, flow: RunnableFlow, trigger: NewTrigger, { keepOutcome, ...prior }: Pick<KnownExecution, "reuse" | "seed"> & Pick<TriggerOptions, "keepOutcome"> = {}): Promise<string | null> {
    this.launcher.assertAvailable();
    const id = randomUUID();
    const createdAt = new Date();
    const { definition } = flow;
    const start = this.launcher.runsHere ? executionStart({ executionId: id, definition }, createdAt) : null;
    const execution: NewExecution = { id, workspaceId, flowId: flow.flowId, flowVersion: flow.version, draft: flow.draft, draftSavedAt: flow.savedAt, slug: flow.slug, definition, createdAt, start, ...trigger };
    if (!(await this.newExecutions.insert(execution))) return null;
    this.remember(id, workspaceId);
    if (keepOutcome && start) this.outcomes.expect(id, start);
    this.bus.announce(
      toExecutionSummary({ id, flowId: execution.flowId, flowVersion: execution.flowVersion, draft: execution.draft, draftSavedAt: execution.draftSavedAt, triggerSource: execution.triggerSource, status: start ? "running" : "queued", startedAt: start?.change.at ?? null, finishedAt: null, createdAt }),
      workspaceId,
    );
    await this.launcher.launch(id, { definition, input: trigger.input, ...(start ? { started: start } : {}), ...prior });
    return id;
  }

  /** Every flow's executions in the workspace, newest first, filtered and paged (the Execuções page). */
  list(workspaceId: string, query: ExecutionListQuery): Promise<ExecutionListPage> {
    return listWorkspaceExecutions(this.pool, workspaceId, query);
  }

  /** One execution's summary as stored now (a live history stream's catch-up); null when it's gone. */
  async summary(id: string): Promise<ExecutionSummary | null> {
    const { rows } = await this.pool.query<{ id: string; flowId: string; flowVersion: number; draft: boolean; draftSavedAt: Date | null; triggerSource: ExecutionSummary["triggerSource"]; status: ExecutionSummary["status"]; startedAt: Date | null; finishedAt: Date | null; createdAt: Date }>(
      `SELECT id, "flowId", "flowVersion", draft, ${utcColumn('"draftSavedAt"')}, "triggerSource", status, ${utcColumn('"startedAt"')}, ${utcColumn('"finishedAt"')}, ${utcColumn('"createdAt"')}
       FROM "Execution" WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? toExecutionSummary(row) : null;
  }

  /** The stored `execution.finished` event; null while the execution runs. */
  finishedEvent(id: string): Promise<ExecutionEvent | null> {
    return storedFinishedEvent(this.pool, id);
  }

  /**
   * What the gateway's sync answer is made of: each step's run with its tokens whole (the caller holds an API key).
   * One started here with `keepOutcome` is answered from what this process stored (once), others are read.
   */
  async outcome(id: string): Promise<StepOutcome[]> {
    const kept = this.outcomes.take(id);
    if (kept) return kept;
    // Plain SQL: one statement on every gateway …/sync call, reading only what the answer is made of.
    const { rows } = await this.pool.query<Pick<StepRunRow, "stepId" | "status" | "output" | "error">>({
      name: "fluxo-execution-outcome",
      text: `SELECT "stepId", status, output, error FROM "StepRun" WHERE "executionId" = $1 ORDER BY position, iteration`,
      values: [id],
    });
    return rows.map((row) => ({
      stepId: row.stepId,
      status: row.status,
      output: openOutputTokens(fromJson<StepRun["output"]>(row.output) ?? null, this.box),
      error: fromJson<StepRun["error"]>(row.error) ?? null,
    }));
  }

  /** The caller won't ask for this execution's outcome after all (it gave up waiting). */
  forgetOutcome(id: string): void {
    this.outcomes.forget(id);
  }

  /**
   * Tokens in step outputs are shown without their signature (see step-output-tokens.ts). The
   * input and the steps' inputs and outputs are written into the answer as PostgreSQL gives them
   * as text (SplicedJson), never parsed here: for a 9.5 MB input that parse and the answer's
   * JSON.stringify held the event loop ~300 ms. An output that holds a token is parsed, to mask it.
   */
  async get(workspaceId: string, id: string): Promise<JsonText> {
    if (!isUuid(id)) throw notFound("thing.execution", id);
    // One snapshot: a running execution's steps change between the two reads otherwise.
    const [row, texts, ran] = await this.prisma.$transaction(
      [
        this.prisma.execution.findFirst({ where: { id, flow: { workspaceId } }, omit: { input: true, definition: true }, include: { ...EXECUTION_INCLUDE, steps: { ...EXECUTION_INCLUDE.steps, omit: { input: true, output: true } } } }),
        this.prisma.$queryRaw<{ input: string; stepId: string | null; iteration: number | null; stepInput: string | null; stepOutput: string | null; outputTokens: boolean | null }[]>`
          SELECT e.input::text AS input, s."stepId", s.iteration, s.input::text AS "stepInput", s.output::text AS "stepOutput", s.output->'body' ?| ${[...TOKEN_KEYS]}::text[] AS "outputTokens"
          FROM "Execution" e LEFT JOIN "StepRun" s ON s."executionId" = e.id WHERE e.id = ${id}::uuid`,
        this.prisma.$queryRawUnsafe<{ definition: unknown }[]>(`SELECT ${ranDefinition("e")} AS definition FROM "Execution" e WHERE e.id = $1::uuid`, id),
      ],
      { isolationLevel: "RepeatableRead" },
    );
    if (!row || texts.length === 0) throw notFound("thing.execution", id);
    const json = new SplicedJson();
    const spliced = (text: string | null) => (text === null ? null : json.placeholder(text));
    const stepTexts = new Map(texts.map((t) => [`${t.stepId} ${t.iteration}`, t]));
    const execution = {
      ...toExecutionSummary(row),
      definition: FlowDefinitionSchema.parse(ran[0]!.definition),
      input: json.placeholder(texts[0]!.input),
      error: fromJson<Execution["error"]>(row.error) ?? null,
      steps: row.steps.map((step) => {
        const stored = stepTexts.get(`${step.stepId} ${step.iteration}`);
        const output = stored?.outputTokens ? displayOutputTokens(JSON.parse(stored.stepOutput!) as StepRun["output"], this.box) : spliced(stored?.stepOutput ?? null);
        return toStepRun(step, spliced(stored?.stepInput ?? null), output);
      }),
      rerunOf: row.rerunOfId && row.rerunFrom ? { id: row.rerunOfId, from: row.rerunFrom } : null,
      reruns: row.reruns.map((r) => ({ id: r.id, from: r.rerunFrom as RerunFrom, status: r.status, createdAt: r.createdAt.toISOString() })),
      testedAgainst: row.testedAgainstId,
    };
    return new JsonText(json.stringify(execution));
  }

  /** One step's run as GET /api/executions/:id shows it, parsed (a step test's answer: one step, capped by the output limit). */
  async stepRun(workspaceId: string, id: string, stepId: string): Promise<StepRun | undefined> {
    // The step alone: the execution's input may be big.
    const step = await this.prisma.stepRun.findFirst({ where: { executionId: id, stepId, execution: { flow: { workspaceId } } }, orderBy: { iteration: "asc" } });
    return step ? toStepRun(step, fromJson<StepRun["input"]>(step.input) ?? null, displayOutputTokens(fromJson<StepRun["output"]>(step.output) ?? null, this.box)) : undefined;
  }

  /** The one place a step's whole access token leaves the server. */
  async revealToken(workspaceId: string, id: string, stepId: string): Promise<{ access_token: string }> {
    const step = (await this.find(workspaceId, id)).steps.find((s) => s.stepId === stepId);
    const token = step ? openOutputToken(fromJson<StepRun["output"]>(step.output) ?? null, this.box) : null;
    if (!token) throw notFound("thing.step_token", id, { step: stepId });
    return { access_token: token };
  }

  async exists(workspaceId: string, id: string): Promise<boolean> {
    const known = this.recent.get(id);
    if (known !== undefined) return known === workspaceId;
    return isUuid(id) && (await this.pool.query(`SELECT 1 FROM "Execution" e JOIN "Flow" f ON f.id = e."flowId" WHERE e.id = $1 AND f."workspaceId" = $2`, [id, workspaceId])).rowCount === 1;
  }

  private remember(executionId: string, workspaceId: string): void {
    this.recent.set(executionId, workspaceId);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
  }

  private async find(workspaceId: string, id: string) {
    // Not its input: the one read that needs it (GET …/:id) reads it as text.
    const row = isUuid(id) ? await this.prisma.execution.findFirst({ where: { id, flow: { workspaceId } }, omit: { input: true }, include: EXECUTION_INCLUDE }) : null;
    if (!row) throw notFound("thing.execution", id);
    return row;
  }

  /** Read on every SSE connection the bus can't answer from memory. */
  eventsAfter(id: string, seq: number): Promise<ExecutionEvent[]> {
    return storedEventsAfter(this.pool, id, seq);
  }
}

/** An execution read with its steps in run order and its re-runs. */
const EXECUTION_INCLUDE = {
  steps: { orderBy: [{ position: "asc" as const }, { iteration: "asc" as const }] },
  reruns: { where: { rerunFrom: { not: null } }, orderBy: { createdAt: "asc" as const }, select: { id: true, rerunFrom: true, status: true, createdAt: true } },
};

function fits(check: (definition: FlowDefinition) => void, definition: FlowDefinition): boolean {
  try {
    check(definition);
    return true;
  } catch {
    return false;
  }
}

/** A step's run as the API answers it, its input and output given as they are to be written (values, or SplicedJson placeholders). */
function toStepRun<Input, Output>(row: Omit<StepRunRow, "input" | "output">, input: Input, output: Output): Omit<StepRun, "input" | "output"> & { input: Input; output: Output } {
  return {
    stepId: row.stepId,
    ...(row.iteration > 0 ? { iteration: row.iteration } : {}),
    ...(row.loopPath.length > 0 ? { loopPath: row.loopPath } : {}),
    connector: row.connector,
    operation: row.operation,
    status: row.status,
    attempt: row.attempt,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    input,
    output,
    error: fromJson<StepRun["error"]>(row.error) ?? null,
    http: fromJson<StepRun["http"]>(row.http) ?? null,
    attempts: fromJson<StepAttempt[]>(row.attempts) ?? [],
    ...(row.reused ? { reused: true as const } : {}),
  };
}
