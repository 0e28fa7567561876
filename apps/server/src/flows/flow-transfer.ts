import { problem } from "../http/route-problems.js";
import type { FieldProblem, Flow, FlowDefinition, FlowExport } from "@fluxo/contracts";
import { FLOW_FILE_FORMAT, FlowDefinitionSchema, type FlowImportSchema } from "@fluxo/contracts";
import type { z } from "zod";
import type { PrismaClient } from "../db/database.js";
import { validationProblem } from "../http/problem.js";
import type { Principal } from "../auth/permissions.js";
import type { FlowService } from "./flow-service.js";

/**
 * Export and import of a flow as a file. Connections travel by name and connector, never
 * with their values; an import either creates the whole flow or nothing (422 per field).
 */
export class FlowTransferService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly flows: FlowService,
  ) {}

  async export(workspaceId: string, flowId: string): Promise<FlowExport> {
    const flow = await this.flows.find(workspaceId, flowId);
    const definition = FlowDefinitionSchema.parse(flow.definition);
    const ids = [...new Set(definition.steps.flatMap((s) => (s.connectionId ? [s.connectionId] : [])))];
    const rows = await this.prisma.connection.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, name: true, connector: true } });
    const refOf = new Map(rows.map((row, i) => [row.id, `connection-${i + 1}`]));
    return {
      format: FLOW_FILE_FORMAT,
      name: flow.name,
      description: flow.description,
      slug: flow.slug,
      definition: { ...definition, steps: definition.steps.map((s) => ({ ...s, connectionId: s.connectionId ? (refOf.get(s.connectionId) ?? null) : null })) },
      connections: rows.map((row) => ({ ref: refOf.get(row.id)!, name: row.name, connector: row.connector })),
    };
  }

  async import(workspaceId: string, request: z.infer<typeof FlowImportSchema>, by?: Principal): Promise<Flow> {
    const { file, connections: mapped } = request;
    const available = await this.prisma.connection.findMany({ where: { workspaceId }, select: { id: true, name: true, connector: true } });
    const problems: FieldProblem[] = [];
    const idOfRef = new Map<string, string>();
    for (const [i, ref] of file.connections.entries()) {
      const chosen = mapped[ref.ref];
      const match = chosen ? available.find((c) => c.id === chosen && c.connector === ref.connector) : available.find((c) => c.name === ref.name && c.connector === ref.connector);
      if (match) idOfRef.set(ref.ref, match.id);
      else problems.push({ path: chosen ? `connections.${ref.ref}` : `file.connections.${i}`, message: `não há conexão ${ref.connector} ${chosen ? chosen : `chamada "${ref.name}"`} neste workspace; crie-a ou escolha outra para "${ref.ref}"` });
    }
    const steps = file.definition.steps.map((step, i) => {
      if (step.connectionId && !file.connections.some((c) => c.ref === step.connectionId)) problems.push({ path: `file.definition.steps.${i}.connectionId`, message: `"${step.connectionId}" não está entre as conexões do arquivo`, stepId: step.id });
      return { ...step, connectionId: step.connectionId ? (idOfRef.get(step.connectionId) ?? null) : null };
    });
    if (problems.length > 0) throw validationProblem(problem("flow.import_missing_connections", { count: problems.length }), problems);
    const definition: FlowDefinition = { ...file.definition, steps };
    // create() refuses a meaningless definition and picks a free slug: one insert, so all or nothing.
    return this.flows.create(workspaceId, { name: file.name, description: file.description, definition }, by);
  }
}
