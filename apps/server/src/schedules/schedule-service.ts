import { problem } from "../http/route-problems.js";
import { NEXT_RUNS_SHOWN, nextFireTimes, type FlowSchedule, type ScheduleUpdateSchema } from "@fluxo/contracts";
import { TriggerInputSchema } from "@fluxo/contracts";
import type { z } from "zod";
import type { Principal } from "../auth/permissions.js";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import { actorOf, type FlowService } from "../flows/flow-service.js";
import type { FlowSchedule as FlowScheduleRow } from "../generated/prisma/client.js";
import { ProblemError } from "../http/problem.js";
import type { Scheduler } from "./scheduler.js";

/** The Agendador's API: a flow's schedule, kept in PostgreSQL and handed to the scheduler on every change. */
export class ScheduleService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly flows: FlowService,
    private readonly scheduler: Scheduler,
  ) {}

  async get(workspaceId: string, flowId: string): Promise<FlowSchedule> {
    await this.flows.find(workspaceId, flowId);
    const row = await this.prisma.flowSchedule.findUnique({ where: { flowId } });
    if (!row) throw noSchedule();
    return toFlowSchedule(row);
  }

  /** Only a published flow can be scheduled: the schedule runs its latest published version, never the draft. */
  async put(principal: Principal, flowId: string, update: z.output<typeof ScheduleUpdateSchema>): Promise<FlowSchedule> {
    const flow = await this.flows.find(principal.workspaceId, flowId);
    this.scheduler.assertAvailable();
    const published = await this.prisma.flowVersion.count({ where: { flowId } });
    if (published === 0) {
      throw new ProblemError(409, "Conflict", problem("schedule.not_published", { name: flow.name }));
    }
    const actor = await actorOf(this.prisma, principal);
    const data = { cron: update.cron, timezone: update.timezone, enabled: update.enabled, input: toJson(update.input), updatedById: actor.id, updatedByName: actor.name };
    const row = await this.prisma.flowSchedule.upsert({ where: { flowId }, create: { flowId, ...data }, update: data });
    await this.scheduler.refresh(flowId);
    return toFlowSchedule(row);
  }

  async delete(workspaceId: string, flowId: string): Promise<void> {
    await this.flows.find(workspaceId, flowId);
    this.scheduler.assertAvailable();
    const { count } = await this.prisma.flowSchedule.deleteMany({ where: { flowId } });
    if (count === 0) throw noSchedule();
    await this.scheduler.refresh(flowId);
  }
  /** The flow's schedule row went with it (cascade): its timer or job scheduler goes now, not at its next tick. */
  async flowDeleted(flowId: string): Promise<void> {
    await this.scheduler.refresh(flowId);
  }
}

const noSchedule = () => new ProblemError(404, "Not Found", problem("schedule.none"));

function toFlowSchedule(row: FlowScheduleRow): FlowSchedule {
  return {
    flowId: row.flowId,
    cron: row.cron,
    timezone: row.timezone,
    enabled: row.enabled,
    input: TriggerInputSchema.parse(row.input),
    nextRuns: row.enabled ? nextFireTimes(row.cron, row.timezone, NEXT_RUNS_SHOWN).map((d) => d.toISOString()) : [],
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByName ? { id: row.updatedById, name: row.updatedByName } : null,
  };
}
