import { stepMessage, type ExecutionEvent } from "@fluxo/contracts";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import { eventsRow, lastStoredSeq } from "./execution-events.js";

/**
 * Executions left `running` by a process that died can't resume (their HTTP calls are
 * gone): mark them `interrupted`, naming the step where they stopped, and close their
 * event stream. Returns the ids of `queued` ones, which never started and can run now.
 */
export async function recoverInterrupted(prisma: PrismaClient): Promise<{ interrupted: string[]; queued: string[] }> {
  const running = await prisma.execution.findMany({ where: { status: "running" }, select: { id: true, steps: { where: { status: { in: ["running", "pending"] } }, orderBy: { position: "asc" } } } });
  for (const execution of running) {
    const stoppedAt = execution.steps.find((s) => s.status === "running") ?? execution.steps[0];
    const text = stoppedAt ? stepMessage("engine.server_stopped_at_step", { step: stoppedAt.stepId }) : stepMessage("engine.server_stopped_run");
    const error = { kind: "internal" as const, ...text };
    const now = new Date();
    const event: ExecutionEvent = { seq: (await lastStoredSeq(prisma, execution.id)) + 1, type: "execution.finished", executionId: execution.id, at: now.toISOString(), status: "interrupted", error };
    await prisma.$transaction([
      prisma.stepRun.updateMany({ where: { executionId: execution.id, status: "running" }, data: { status: "failed", finishedAt: now, error: toJson(error) } }),
      prisma.stepRun.updateMany({ where: { executionId: execution.id, status: "pending" }, data: { status: "skipped" } }),
      prisma.execution.update({ where: { id: execution.id }, data: { status: "interrupted", finishedAt: now, error: toJson(error) } }),
      prisma.executionEvents.create({ data: eventsRow([event]) }),
    ]);
  }
  const queued = await prisma.execution.findMany({ where: { status: "queued" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  return { interrupted: running.map((e) => e.id), queued: queued.map((e) => e.id) };
}
