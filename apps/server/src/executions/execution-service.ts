import type { Execution, ExecutionEvent, StepAttempt, StepRun, TriggerInput } from "@fluxo/contracts";
import { FlowDefinitionSchema, TriggerInputSchema } from "@fluxo/contracts";
import type pg from "pg";
import type { PrismaClient } from "../db/database.js";
import { fromJson } from "../db/json.js";
import type { StepRun as StepRunRow } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { toExecutionSummary } from "../flows/flow-service.js";
import { notFound } from "../http/problem.js";
import type { ExecutionLauncher } from "./execution-queue.js";

export class ExecutionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
    private readonly launcher: ExecutionLauncher,
  ) {}

  /**
   * Persists the execution before answering, then runs it in the background (or enqueues it).
   * The hottest request of all: the flow is read and the execution written in one statement.
   */
  async trigger(flowId: string, input: TriggerInput): Promise<{ executionId: string }> {
    const { rows } = isUuid(flowId)
      ? await this.pool.query<{ id: string; definition: unknown }>(
          `INSERT INTO "Execution" (id, "flowId", "flowVersion", definition, input, status)
           SELECT gen_random_uuid(), f.id, f.version, f.definition, $2::jsonb, 'queued' FROM "Flow" f WHERE f.id = $1
           RETURNING id, definition`,
          [flowId, JSON.stringify(input)],
        )
      : { rows: [] };
    const execution = rows[0];
    if (!execution) throw notFound("o fluxo", flowId);
    await this.launcher.launch(execution.id, { definition: FlowDefinitionSchema.parse(execution.definition), input });
    return { executionId: execution.id };
  }

  async get(id: string): Promise<Execution> {
    const row = isUuid(id) ? await this.prisma.execution.findUnique({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } }) : null;
    if (!row) throw notFound("a execução", id);
    return {
      ...toExecutionSummary(row),
      definition: FlowDefinitionSchema.parse(row.definition),
      input: TriggerInputSchema.parse(row.input),
      error: fromJson<Execution["error"]>(row.error) ?? null,
      steps: row.steps.map(toStepRun),
    };
  }

  async exists(id: string): Promise<boolean> {
    return isUuid(id) && (await this.pool.query(`SELECT 1 FROM "Execution" WHERE id = $1`, [id])).rowCount === 1;
  }

  /** Read on every SSE connection: plain SQL, the stored payloads as they are. */
  async eventsAfter(id: string, seq: number): Promise<ExecutionEvent[]> {
    const { rows } = await this.pool.query<{ payload: ExecutionEvent }>(`SELECT payload FROM "ExecutionEvent" WHERE "executionId" = $1 AND seq > $2 ORDER BY seq`, [id, seq]);
    return rows.map((r) => r.payload);
  }
}

function toStepRun(row: StepRunRow): StepRun {
  return {
    stepId: row.stepId,
    connector: row.connector,
    operation: row.operation,
    status: row.status,
    attempt: row.attempt,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    input: fromJson<StepRun["input"]>(row.input) ?? null,
    output: fromJson<StepRun["output"]>(row.output) ?? null,
    error: fromJson<StepRun["error"]>(row.error) ?? null,
    http: fromJson<StepRun["http"]>(row.http) ?? null,
    attempts: fromJson<StepAttempt[]>(row.attempts) ?? [],
  };
}
