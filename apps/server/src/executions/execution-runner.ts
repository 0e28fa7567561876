import { FlowDefinitionSchema, TriggerInputSchema, type ExecutionEvent } from "@fluxo/contracts";
import type { HttpClient } from "@fluxo/connectors";
import { runExecution, systemClock, type ExecutionStore } from "@fluxo/engine";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { Logger } from "../logger.js";
import type { ConnectionService } from "../connections/connection-service.js";
import type { EventBus } from "./event-bus.js";

/**
 * Runs executions in this process, in the background of the request that created
 * them, and keeps track of them so shutdown can wait for (or abort) what's running.
 */
export class ExecutionRunner {
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      store: ExecutionStore;
      bus: EventBus;
      http: HttpClient;
      connections: ConnectionService;
      logger: Logger;
    },
  ) {}

  start(executionId: string): void {
    const run = this.run(executionId).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Waits for running executions up to `graceMs`, then aborts their HTTP calls and waits for them to record it. */
  async drain(graceMs: number): Promise<void> {
    const all = Promise.allSettled([...this.running]);
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(r, graceMs, true).unref())]);
    if (timedOut) {
      this.abort.abort();
      await all;
    }
  }

  get activeCount(): number {
    return this.running.size;
  }

  private async run(executionId: string): Promise<void> {
    const { prisma, store, bus, http, connections, logger } = this.deps;
    try {
      const row = await prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
      const outcome = await runExecution(
        { executionId, definition: FlowDefinitionSchema.parse(row.definition), input: TriggerInputSchema.parse(row.input) },
        { store, events: bus, http, clock: systemClock, loadConnection: (id) => connections.loadValues(id), signal: this.abort.signal },
      );
      logger.info({ executionId, status: outcome.status }, "execution finished");
    } catch (error) {
      // The store itself failed (e.g. the database went away): record what we can.
      logger.error({ err: error, executionId }, "execution could not be recorded");
      await this.markFailed(executionId).catch((e: unknown) => logger.error({ err: e, executionId }, "could not mark execution failed"));
    }
  }

  private async markFailed(executionId: string): Promise<void> {
    const { prisma, bus } = this.deps;
    const last = await prisma.executionEvent.findFirst({ where: { executionId }, orderBy: { seq: "desc" } });
    const error = { kind: "internal" as const, message: "a execução não pôde ser registrada por um erro interno; tente de novo" };
    const event: ExecutionEvent = { seq: (last?.seq ?? 0) + 1, type: "execution.finished", executionId, at: new Date().toISOString(), status: "failed", error };
    await prisma.$transaction([
      prisma.execution.update({ where: { id: executionId }, data: { status: "failed", finishedAt: new Date(), error } }),
      prisma.executionEvent.create({ data: { executionId, seq: event.seq, type: event.type, payload: toJson(event) } }),
    ]);
    bus.publish(event);
  }
}
