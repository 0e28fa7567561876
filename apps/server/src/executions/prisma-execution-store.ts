import type { ExecutionEvent } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStore } from "@fluxo/engine";
import type { PrismaClient } from "../db/database.js";
import { toJson, toNullableJson as json } from "../db/json.js";

/** Stores each execution change together with its event, in one transaction. */
export class PrismaExecutionStore implements ExecutionStore {
  constructor(private readonly prisma: PrismaClient) {}

  async apply(change: ExecutionChange, event: ExecutionEvent): Promise<void> {
    const executionId = event.executionId;
    const eventRow = this.prisma.executionEvent.create({
      data: { executionId, seq: event.seq, type: event.type, payload: toJson(event), at: new Date(event.at) },
    });
    switch (change.kind) {
      case "execution.started":
        await this.prisma.$transaction([
          this.prisma.execution.update({ where: { id: executionId }, data: { status: "running", startedAt: change.at } }),
          this.prisma.stepRun.createMany({ data: change.steps.map((s) => ({ executionId, stepId: s.stepId, position: s.position, connector: s.connector, operation: s.operation })) }),
          eventRow,
        ]);
        return;
      case "step.started":
        await this.prisma.$transaction([
          this.prisma.stepRun.update({ where: { executionId_stepId: { executionId, stepId: change.stepId } }, data: { status: "running", startedAt: change.at, attempt: change.attempt } }),
          eventRow,
        ]);
        return;
      case "step.finished": {
        const run = change.run;
        await this.prisma.$transaction([
          this.prisma.stepRun.update({
            where: { executionId_stepId: { executionId, stepId: run.stepId } },
            data: {
              status: run.error ? "failed" : "succeeded",
              attempt: run.attempt,
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              durationMs: run.durationMs,
              input: json(run.input),
              output: json(run.output),
              error: json(run.error),
              http: json(run.http),
            },
          }),
          eventRow,
        ]);
        return;
      }
      case "step.skipped":
        await this.prisma.$transaction([
          this.prisma.stepRun.update({ where: { executionId_stepId: { executionId, stepId: change.stepId } }, data: { status: "skipped" } }),
          eventRow,
        ]);
        return;
      case "execution.finished":
        await this.prisma.$transaction([
          this.prisma.execution.update({ where: { id: executionId }, data: { status: change.status, finishedAt: change.at, error: json(change.error) } }),
          eventRow,
        ]);
        return;
    }
  }
}
