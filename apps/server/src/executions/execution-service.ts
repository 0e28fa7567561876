import type { Execution, ExecutionEvent, StepAttempt, StepRun, TriggerInput } from "@fluxo/contracts";
import { FlowDefinitionSchema, TriggerInputSchema } from "@fluxo/contracts";
import type { PrismaClient } from "../db/database.js";
import { toJson, fromJson } from "../db/json.js";
import type { StepRun as StepRunRow } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { toExecutionSummary, type FlowService } from "../flows/flow-service.js";
import { notFound } from "../http/problem.js";
import type { ExecutionLauncher } from "./execution-queue.js";

export class ExecutionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly flows: FlowService,
    private readonly launcher: ExecutionLauncher,
  ) {}

  /** Persists the execution before answering, then runs it in the background (or enqueues it). */
  async trigger(flowId: string, input: TriggerInput): Promise<{ executionId: string }> {
    const flow = await this.flows.find(flowId);
    const execution = await this.prisma.execution.create({
      data: { flowId, flowVersion: flow.version, definition: toJson(flow.definition), input: toJson(input), status: "queued" },
      select: { id: true },
    });
    await this.launcher.launch(execution.id, { definition: FlowDefinitionSchema.parse(flow.definition), input });
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
    return isUuid(id) && (await this.prisma.execution.count({ where: { id } })) > 0;
  }

  async eventsAfter(id: string, seq: number): Promise<ExecutionEvent[]> {
    const rows = await this.prisma.executionEvent.findMany({ where: { executionId: id, seq: { gt: seq } }, orderBy: { seq: "asc" } });
    return rows.map((r) => fromJson<ExecutionEvent>(r.payload));
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
