import { problem } from "../http/route-problems.js";
import type { Flow, FlowDefinition, FlowVersion, FlowVersionSummary } from "@fluxo/contracts";
import { FlowDefinitionSchema } from "@fluxo/contracts";
import type { Principal } from "../auth/permissions.js";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { FlowVersion as FlowVersionRow } from "../generated/prisma/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { notFound, ProblemError } from "../http/problem.js";
import { actorOf, type FlowService } from "./flow-service.js";
import { sameJson } from "./same-json.js";

/**
 * Publishing freezes a flow's draft as a numbered version (1, 2, 3…). Versions are only
 * ever inserted: no route changes one, and a database rule turns UPDATEs into no-ops.
 */
export class FlowVersionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly flows: FlowService,
  ) {}

  async list(workspaceId: string, flowId: string): Promise<FlowVersionSummary[]> {
    await this.flows.find(workspaceId, flowId);
    const rows = await this.prisma.flowVersion.findMany({ where: { flowId }, orderBy: { number: "desc" }, omit: { definition: true } });
    return rows.map(toSummary);
  }

  async get(workspaceId: string, flowId: string, number: string): Promise<FlowVersion> {
    await this.flows.find(workspaceId, flowId);
    const row = /^\d{1,9}$/.test(number) ? await this.prisma.flowVersion.findUnique({ where: { flowId_number: { flowId, number: Number(number) } } }) : null;
    if (!row) throw notFound("thing.flow_version", flowId, { number });
    return { ...toSummary(row), flowId, definition: FlowDefinitionSchema.parse(row.definition) };
  }

  /**
   * The draft must be able to run (a draft saves unfinished, and a connection it uses may have
   * been deleted since): 422 naming each step and field otherwise. A draft equal to the latest version is not published
   * again: 409, so a version number always means a change.
   */
  async publish(principal: Principal, flowId: string, note: string): Promise<FlowVersion> {
    const { workspaceId } = principal;
    const flow = await this.flows.find(workspaceId, flowId);
    const definition = FlowDefinitionSchema.parse(flow.definition);
    await this.flows.assertRunnable(workspaceId, definition, problem("doing.publish"));
    const latest = await this.prisma.flowVersion.findFirst({ where: { flowId }, orderBy: { number: "desc" }, select: { number: true, definition: true } });
    if (latest && sameJson(latest.definition, flow.definition)) {
      throw new ProblemError(409, "Conflict", `o rascunho é igual à versão ${latest.number} já publicada; altere o fluxo antes de publicar de novo`, undefined, { publishedVersion: latest.number });
    }
    const row = await this.insert({ flowId, number: (latest?.number ?? 0) + 1, definition, note, draftVersion: flow.version, ...(await publisher(this.prisma, principal)) });
    return { ...toSummary(row), flowId, definition };
  }

  /** Copies a version into the draft (a normal save by `principal`; nothing changes when the draft already equals it). */
  async restore(principal: Principal, flowId: string, number: string): Promise<Flow> {
    const version = await this.get(principal.workspaceId, flowId, number);
    return this.flows.update(principal.workspaceId, flowId, { definition: version.definition }, principal);
  }

  private async insert(data: { flowId: string; number: number; definition: FlowDefinition; note: string; draftVersion: number; publishedById: string | null; publishedByName: string }): Promise<FlowVersionRow> {
    try {
      return await this.prisma.flowVersion.create({ data: { ...data, definition: toJson(data.definition) } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ProblemError(409, "Conflict", problem("flow.published_meanwhile", { number: data.number }));
      }
      throw error;
    }
  }
}

async function publisher(prisma: PrismaClient, principal: Principal): Promise<{ publishedById: string | null; publishedByName: string }> {
  const actor = await actorOf(prisma, principal);
  return { publishedById: actor.id, publishedByName: actor.name };
}

function toSummary(row: Omit<FlowVersionRow, "definition">): FlowVersionSummary {
  return {
    number: row.number,
    note: row.note,
    draftVersion: row.draftVersion,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: { id: row.publishedById, name: row.publishedByName },
  };
}
