import { problem, type ProblemText } from "../http/route-problems.js";
import type { CodedFieldProblem, ExecutionSummary, Flow, FlowCreate, FlowDefinition, FlowListItem, FlowUpdate, Page, StepMessageParam } from "@fluxo/contracts";
import { asRef, FlowDefinitionSchema, messageList, ref, toScheduleBrief } from "@fluxo/contracts";
import { findInvalidDefinition, validateFlowDefinition } from "@fluxo/engine";
import type { Principal } from "../auth/permissions.js";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { Execution as ExecutionRow, Flow as FlowRow, FlowSchedule as FlowScheduleRow, FlowVersion as FlowVersionRow } from "../generated/prisma/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { isUuid } from "../connections/connection-service.js";
import { fieldProblem, notFound, ProblemError, validationProblem } from "../http/problem.js";
import { fieldProblemsIn } from "../http/field-problems.js";
import type { CatalogLanguage } from "@fluxo/connectors";
import type { ConnectionService } from "../connections/connection-service.js";
import { sameJson } from "./same-json.js";
import { firstFreeSlug, slugify } from "./slug.js";

const LATEST_VERSION = { orderBy: { number: "desc" }, take: 1, select: { number: true, definition: true } } as const;
type LatestVersion = Pick<FlowVersionRow, "number" | "definition">;
/** What a flow's answer tells of its schedule (the brief); the whole schedule is GET …/schedule's. */
const SCHEDULE_BRIEF = { select: { cron: true, timezone: true, enabled: true } } as const;
type ScheduleBriefRow = Pick<FlowScheduleRow, "cron" | "timezone" | "enabled">;
/**
 * What an execution's summary is made of, and only that: a whole row holds its input, whose JSON Prisma
 * parses on the event loop (a page of the history of a flow called with 9 MB bodies held it 1.7 s).
 */
const EXECUTION_SUMMARY = {
  select: { id: true, flowId: true, flowVersion: true, draft: true, draftSavedAt: true, triggerSource: true, status: true, startedAt: true, finishedAt: true, createdAt: true },
} as const;
type ExecutionSummaryRow = Parameters<typeof toExecutionSummary>[0];
/**
 * The runs that count as a flow's last one (the Fluxos list's "Última execução", what the editor
 * previews expressions with): a step test ran one step alone, so it doesn't. Its history and the
 * Execuções page still show step tests.
 */
const FLOW_RUNS = { triggerSource: { not: "test" } } as const;

export class FlowService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly connections: ConnectionService,
  ) {}

  async list(workspaceId: string): Promise<FlowListItem[]> {
    const rows = await this.prisma.flow.findMany({
      where: { workspaceId },
      orderBy: { updatedAt: "desc" },
      include: { executions: { where: FLOW_RUNS, orderBy: { createdAt: "desc" }, take: 1, ...EXECUTION_SUMMARY }, versions: LATEST_VERSION, schedule: SCHEDULE_BRIEF },
    });
    return rows.map(({ executions, versions, schedule, ...row }) => {
      const { definition, problems: _problems, ...flow } = toApi(row, executions[0] ?? null, versions[0] ?? null, schedule, []);
      return { ...flow, stepCount: definition.steps.length };
    });
  }

  async get(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const [last, latest, schedule, problems] = await Promise.all([
      this.prisma.execution.findFirst({ where: { flowId: id, ...FLOW_RUNS }, orderBy: { createdAt: "desc" }, ...EXECUTION_SUMMARY }),
      this.prisma.flowVersion.findFirst({ where: { flowId: id }, ...LATEST_VERSION }),
      this.prisma.flowSchedule.findUnique({ where: { flowId: id }, ...SCHEDULE_BRIEF }),
      this.runProblems(workspaceId, FlowDefinitionSchema.parse(row.definition)),
    ]);
    return toApi(row, last, latest, schedule, problems);
  }

  /** A new flow's draft saves unfinished (its problems come back in `problems`); only a meaningless one is refused. */
  async create(workspaceId: string, input: Required<Pick<FlowCreate, "name" | "description">> & { slug?: string | undefined; definition: FlowDefinition }, by?: Principal): Promise<Flow> {
    assertMeaningful(input.definition);
    const slug = input.slug ?? (await this.freeSlug(workspaceId, input.name));
    if (input.slug) await this.assertSlugFree(workspaceId, input.slug);
    const saver = await savedByOf(this.prisma, by);
    const row = await this.slugConflictAs409(slug, () => this.prisma.flow.create({ data: { workspaceId, name: input.name, description: input.description, slug, definition: toJson(input.definition), ...saver } }));
    return toApi(row, null, null, null, await this.runProblems(workspaceId, input.definition));
  }

  /**
   * Saves the draft as it is, finished or not: only a meaningless definition is refused (422,
   * nothing saved). A save that changes nothing writes nothing — the save counter, the saved-at
   * and the saved-by stay. A changed definition moves the counter on and records who saved it.
   */
  async update(workspaceId: string, id: string, input: FlowUpdate & { definition?: FlowDefinition }, by?: Principal): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    if (input.version !== undefined && input.version !== row.version) {
      const by = row.savedByName ? problem("flow.saved_by", { name: row.savedByName }) : "";
      throw new ProblemError(409, "Conflict", problem("flow.saved_elsewhere", { by }), undefined, { currentVersion: row.version });
    }
    if (input.definition) assertMeaningful(input.definition);
    const definitionChanged = input.definition !== undefined && !sameJson(input.definition, row.definition);
    const changed =
      definitionChanged ||
      (input.name !== undefined && input.name !== row.name) ||
      (input.description !== undefined && input.description !== row.description) ||
      (input.slug !== undefined && input.slug !== row.slug);
    if (!changed) return this.get(workspaceId, id);
    if (input.slug && input.slug !== row.slug) await this.assertSlugFree(workspaceId, input.slug);
    const saver = definitionChanged ? { ...(await savedByOf(this.prisma, by)), savedAt: new Date() } : {};
    const updated = await this.slugConflictAs409(input.slug ?? row.slug, () =>
      this.prisma.flow.update({
        where: { id, version: row.version },
        data: {
          name: input.name ?? row.name,
          description: input.description ?? row.description,
          slug: input.slug ?? row.slug,
          ...(definitionChanged ? { definition: toJson(input.definition), version: { increment: 1 }, ...saver } : {}),
        },
      }),
    );
    return this.get(workspaceId, updated.id);
  }

  async duplicate(workspaceId: string, id: string): Promise<Flow> {
    const row = await this.find(workspaceId, id);
    const name = `${row.name} (cópia)`.slice(0, 120);
    const slug = await this.freeSlug(workspaceId, name);
    const copy = await this.slugConflictAs409(slug, () => this.prisma.flow.create({ data: { workspaceId, name, description: row.description, slug, definition: toJson(row.definition), savedById: row.savedById, savedByName: row.savedByName } }));
    return toApi(copy, null, null, null, await this.runProblems(workspaceId, FlowDefinitionSchema.parse(row.definition)));
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    await this.prisma.flow.delete({ where: { id } });
  }

  async executions(workspaceId: string, id: string, page: { limit: number; offset: number }): Promise<Page<ExecutionSummary>> {
    await this.find(workspaceId, id);
    const [rows, total] = await Promise.all([
      this.prisma.execution.findMany({ where: { flowId: id }, orderBy: { createdAt: "desc" }, take: page.limit, skip: page.offset, ...EXECUTION_SUMMARY }),
      this.prisma.execution.count({ where: { flowId: id } }),
    ]);
    return { items: rows.map(toExecutionSummary), total, ...page };
  }

  async find(workspaceId: string, id: string): Promise<FlowRow> {
    const row = isUuid(id) ? await this.prisma.flow.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw notFound("thing.flow", id);
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

  /** What stops the definition from running, against the workspace's connections now. */
  async runProblems(workspaceId: string, definition: FlowDefinition): Promise<CodedFieldProblem[]> {
    return validateFlowDefinition(definition, { connections: await this.connections.connectorsById(workspaceId) });
  }

  /**
   * Refuses to run (or publish) a definition that can't run: 422 naming each step and field.
   * `doing` says what was refused ("executar", "publicar").
   */
  async assertRunnable(workspaceId: string, definition: FlowDefinition, doing: Doing): Promise<void> {
    const problems = await this.runProblems(workspaceId, definition);
    if (problems.length > 0) throw notRunnable(problems, doing);
  }
}

/**
 * A flow as answered to a request in `language`: its problems told in it, each with the code and
 * params it was told from, so the editor tells them again when its language changes.
 */
export function flowIn(flow: Flow, language: CatalogLanguage): Flow {
  const told = fieldProblemsIn(flow.problems, language);
  return { ...flow, problems: flow.problems.map(({ messageCode, messageParams }, i) => ({ ...told[i]!, ...(messageCode ? { messageCode, ...(messageParams ? { messageParams } : {}) } : {}) })) };
}

/** A definition no draft can hold (unknown connector, edge to a missing step, cycle…): 422, nothing saved. */
function assertMeaningful(definition: FlowDefinition): void {
  const problems = findInvalidDefinition(definition);
  if (problems.length > 0) throw validationProblem(problem("flow.nothing_saved", { problems: listProblems(problems) }), problems);
}

/** What a refused run, publication or step test was about to do: a `doing.*` text. */
export type Doing = ProblemText;

export function notRunnable(problems: CodedFieldProblem[], doing: Doing): ProblemError {
  const count = problems.length === 1 ? problem("flow.one_problem") : problem("flow.problems", { count: problems.length });
  return validationProblem(problem("flow.not_runnable", { doing, count, problems: listProblems(problems) }), problems);
}

/** 'passo "credentials" (connectionId): escolha…; passo "api" (path): …' — each step and field by name, in the reader's language. */
export function listProblems(problems: readonly CodedFieldProblem[]): StepMessageParam {
  return messageList(problems.map((p) => (p.stepId ? ref("definition.step_problem", { step: p.stepId, field: p.field ? ` (${p.field})` : "", problem: asRef(p) }) : asRef(p))), 5);
}

/** Who is saving, as named now (a user's name, or an API key's); nothing when unknown. */
export async function actorOf(prisma: PrismaClient, principal: Principal): Promise<{ id: string | null; name: string }> {
  if (principal.kind === "api-key") {
    const key = await prisma.apiKey.findUnique({ where: { id: principal.keyId }, select: { name: true } });
    return { id: null, name: `chave de API ${key?.name ?? principal.keyId}` };
  }
  const user = await prisma.user.findUnique({ where: { id: principal.userId }, select: { name: true } });
  return { id: principal.userId, name: user?.name ?? "?" };
}

async function savedByOf(prisma: PrismaClient, principal: Principal | undefined): Promise<{ savedById: string | null; savedByName: string }> {
  if (!principal) return { savedById: null, savedByName: "" };
  const actor = await actorOf(prisma, principal);
  return { savedById: actor.id, savedByName: actor.name };
}

function slugTaken(slug: string, otherFlow: string | null): ProblemError {
  const detail = otherFlow ? problem("flow.slug_taken", { slug, flow: otherFlow }) : problem("flow.slug_taken_other", { slug });
  return new ProblemError(409, "Conflict", detail, [fieldProblem("slug", problem("field.slug_taken"))]);
}

export function toExecutionSummary(row: Pick<ExecutionRow, "id" | "flowId" | "flowVersion" | "draft" | "triggerSource" | "status" | "startedAt" | "finishedAt" | "createdAt"> & { draftSavedAt?: Date | null }): ExecutionSummary {
  return {
    id: row.id,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    draft: row.draft,
    draftSavedAt: row.draft ? (row.draftSavedAt?.toISOString() ?? null) : null,
    triggerSource: row.triggerSource,
    status: row.status,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toApi(row: FlowRow, last: ExecutionSummaryRow | null, latest: LatestVersion | null, schedule: ScheduleBriefRow | null, problems: CodedFieldProblem[]): Flow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: FlowDefinitionSchema.parse(row.definition),
    version: row.version,
    slug: row.slug,
    savedAt: row.savedAt.toISOString(),
    savedBy: row.savedByName ? { id: row.savedById, name: row.savedByName } : null,
    publishedVersion: latest?.number ?? null,
    hasUnpublishedChanges: !latest || !sameJson(latest.definition, row.definition),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastExecution: last ? toExecutionSummary(last) : null,
    schedule: schedule ? toScheduleBrief(schedule) : null,
    problems,
  };
}
