import type { ExecutionSummary, Flow, FlowCreate, FlowDefinition, FlowListItem, FlowUpdate, Page } from "@fluxo/contracts";
import { FlowDefinitionSchema } from "@fluxo/contracts";
import { validateFlowDefinition } from "@fluxo/engine";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { Execution as ExecutionRow, Flow as FlowRow, FlowVersion as FlowVersionRow } from "../generated/prisma/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { notFound, ProblemError, validationProblem } from "../http/problem.js";
import type { ConnectionService } from "../connections/connection-service.js";
import { sameJson } from "./same-json.js";
import { firstFreeSlug, slugify } from "./slug.js";

const LATEST_VERSION = { orderBy: { number: "desc" }, take: 1, select: { number: true, definition: true } } as const;
type LatestVersion = Pick<FlowVersionRow, "number" | "definition">;

export class FlowService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly connections: ConnectionService,
  ) {}

  async list(workspaceId: string): Promise<FlowListItem[]> {
    const rows = await this.prisma.flow.findMany({
      where: { workspaceId },
      orderBy: { updatedAt: "desc" },
      include: { executions: { orderBy: { createdAt: "desc" }, take: 1 }, versions: LATEST_VERSION },
    });
    return rows.map(({ executions, versions, ...row }) => {
      const { definition, ...flow } = toApi(row, executions[0] ?? null, versions[0] ?? null);
      return { ...flow, stepCount: definition.steps.length };
    });
  }

  async get(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const [last, latest] = await Promise.all([
      this.prisma.execution.findFirst({ where: { flowId: id }, orderBy: { createdAt: "desc" } }),
      this.prisma.flowVersion.findFirst({ where: { flowId: id }, ...LATEST_VERSION }),
    ]);
    return toApi(row, last, latest);
  }

  async create(workspaceId: string, input: Required<Pick<FlowCreate, "name" | "description">> & { slug?: string | undefined; definition: FlowDefinition }): Promise<Flow> {
    await this.assertRunnable(workspaceId, input.definition);
    const slug = input.slug ?? (await this.freeSlug(workspaceId, input.name));
    if (input.slug) await this.assertSlugFree(workspaceId, input.slug);
    const row = await this.slugConflictAs409(slug, () => this.prisma.flow.create({ data: { workspaceId, name: input.name, description: input.description, slug, definition: toJson(input.definition) } }));
    return toApi(row, null, null);
  }

  /** A save that fails validation changes nothing; the definition's version moves on each saved change. */
  async update(workspaceId: string, id: string, input: FlowUpdate & { definition?: FlowDefinition }): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    if (input.version !== undefined && input.version !== row.version) {
      throw new ProblemError(409, "Conflict", `o fluxo foi alterado em outro lugar (versão ${row.version}, você editava a ${input.version}); recarregue para ver a versão atual`, undefined, { currentVersion: row.version });
    }
    if (input.definition) await this.assertRunnable(workspaceId, input.definition);
    if (input.slug && input.slug !== row.slug) await this.assertSlugFree(workspaceId, input.slug);
    const updated = await this.slugConflictAs409(input.slug ?? row.slug, () =>
      this.prisma.flow.update({
        where: { id, version: row.version },
        data: {
          name: input.name ?? row.name,
          description: input.description ?? row.description,
          slug: input.slug ?? row.slug,
          ...(input.definition ? { definition: toJson(input.definition), version: { increment: 1 } } : {}),
        },
      }),
    );
    return this.get(workspaceId, updated.id);
  }

  async duplicate(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const name = `${row.name} (cópia)`.slice(0, 120);
    const slug = await this.freeSlug(workspaceId, name);
    const copy = await this.slugConflictAs409(slug, () => this.prisma.flow.create({ data: { workspaceId, name, description: row.description, slug, definition: toJson(row.definition) } }));
    return toApi(copy, null, null);
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

  private async freeSlug(workspaceId: string, name: string): Promise<string> {
    const base = slugify(name);
    const taken = await this.prisma.flow.findMany({ where: { workspaceId, slug: { startsWith: base } }, select: { slug: true } });
    return firstFreeSlug(base, new Set(taken.map((f) => f.slug)));
  }

  private async assertSlugFree(workspaceId: string, slug: string): Promise<void> {
    const other = await this.prisma.flow.findFirst({ where: { workspaceId, slug }, select: { name: true } });
    if (other) throw slugTaken(slug, other.name);
  }

  /** Two saves racing for one slug: the unique index decides, and the loser hears 409 as if it had checked. */
  private async slugConflictAs409<T>(slug: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw slugTaken(slug, null);
      throw error;
    }
  }

  async assertRunnable(workspaceId: string, definition: FlowDefinition): Promise<void> {
    const problems = validateFlowDefinition(definition, { connections: await this.connections.connectorsById(workspaceId) });
    if (problems.length > 0) throw validationProblem(`o fluxo tem ${problems.length} problema(s); nada foi salvo — corrija os campos indicados`, problems);
  }
}

function slugTaken(slug: string, otherFlow: string | null): ProblemError {
  const detail = `o endereço "${slug}" já é usado ${otherFlow ? `pelo fluxo "${otherFlow}"` : "por outro fluxo"} deste workspace; escolha outro`;
  return new ProblemError(409, "Conflict", detail, [{ path: "slug", message: "Já é usado por outro fluxo deste workspace; escolha outro." }]);
}

export function toExecutionSummary(row: Pick<ExecutionRow, "id" | "flowId" | "flowVersion" | "draft" | "triggerSource" | "status" | "startedAt" | "finishedAt" | "createdAt">): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    draft: row.draft,
    triggerSource: row.triggerSource,
    status: row.status,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toApi(row: FlowRow, last: ExecutionRow | null, latest: LatestVersion | null): Flow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: FlowDefinitionSchema.parse(row.definition),
    version: row.version,
    slug: row.slug,
    publishedVersion: latest?.number ?? null,
    hasUnpublishedChanges: !latest || !sameJson(latest.definition, row.definition),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastExecution: last ? toExecutionSummary(last) : null,
  };
}
