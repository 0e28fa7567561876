import type { ExecutionSummary, Flow, FlowCreate, FlowDefinition, FlowListItem, FlowUpdate, Page } from "@fluxo/contracts";
import { FlowDefinitionSchema } from "@fluxo/contracts";
import { validateFlowDefinition } from "@fluxo/engine";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { Execution as ExecutionRow, Flow as FlowRow } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { notFound, ProblemError, validationProblem } from "../http/problem.js";
import type { ConnectionService } from "../connections/connection-service.js";

export class FlowService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly connections: ConnectionService,
  ) {}

  async list(workspaceId: string): Promise<FlowListItem[]> {
    const rows = await this.prisma.flow.findMany({
      where: { workspaceId },
      orderBy: { updatedAt: "desc" },
      include: { executions: { orderBy: { createdAt: "desc" }, take: 1 } },
    });
    return rows.map(({ executions, ...row }) => {
      const { definition, ...flow } = toApi(row, executions[0] ?? null);
      return { ...flow, stepCount: definition.steps.length };
    });
  }

  async get(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const last = await this.prisma.execution.findFirst({ where: { flowId: id }, orderBy: { createdAt: "desc" } });
    return toApi(row, last);
  }

  async create(workspaceId: string, input: Required<Pick<FlowCreate, "name" | "description">> & { definition: FlowDefinition }): Promise<Flow> {
    await this.assertRunnable(workspaceId, input.definition);
    const row = await this.prisma.flow.create({ data: { workspaceId, name: input.name, description: input.description, definition: toJson(input.definition) } });
    return toApi(row, null);
  }

  /** A save that fails validation changes nothing; the definition's version moves on each saved change. */
  async update(workspaceId: string, id: string, input: FlowUpdate & { definition?: FlowDefinition }): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    if (input.version !== undefined && input.version !== row.version) {
      throw new ProblemError(409, "Conflict", `o fluxo foi alterado em outro lugar (versão ${row.version}, você editava a ${input.version}); recarregue para ver a versão atual`, undefined, { currentVersion: row.version });
    }
    if (input.definition) await this.assertRunnable(workspaceId, input.definition);
    const updated = await this.prisma.flow.update({
      where: { id, version: row.version },
      data: {
        name: input.name ?? row.name,
        description: input.description ?? row.description,
        ...(input.definition ? { definition: toJson(input.definition), version: { increment: 1 } } : {}),
      },
    });
    return this.get(workspaceId, updated.id);
  }

  async duplicate(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const copy = await this.prisma.flow.create({ data: { workspaceId, name: `${row.name} (cópia)`.slice(0, 120), description: row.description, definition: toJson(row.definition) } });
    return toApi(copy, null);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    await this.prisma.flow.delete({ where: { id } });
  }

  async executions(workspaceId: string, id: string, page: { limit: number; offset: number }): Promise<Page<ExecutionSummary>> {
    await this.find(workspaceId, id);
    const [rows, total] = await Promise.all([
      this.prisma.execution.findMany({ where: { flowId: id }, orderBy: { createdAt: "desc" }, take: page.limit, skip: page.offset }),
      this.prisma.execution.count({ where: { flowId: id } }),
    ]);
    return { items: rows.map(toExecutionSummary), total, ...page };
  }

  async find(workspaceId: string, id: string): Promise<FlowRow> {
    const row = isUuid(id) ? await this.prisma.flow.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw notFound("o fluxo", id);
    return row;
  }

  private async assertRunnable(workspaceId: string, definition: FlowDefinition): Promise<void> {
    const problems = validateFlowDefinition(definition, { connections: await this.connections.connectorsById(workspaceId) });
    if (problems.length > 0) throw validationProblem(`o fluxo tem ${problems.length} problema(s); nada foi salvo — corrija os campos indicados`, problems);
  }
}

export function toExecutionSummary(row: ExecutionRow): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    status: row.status,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toApi(row: FlowRow, last: ExecutionRow | null): Flow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: FlowDefinitionSchema.parse(row.definition),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastExecution: last ? toExecutionSummary(last) : null,
  };
}
