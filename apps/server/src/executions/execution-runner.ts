import { FlowDefinitionSchema, isFinishedStatus, stepMessage, type ExecutionEvent, type ExecutionStatus, type FlowDefinition, type StepErrorInfo, type StepResult, type TriggerInput } from "@fluxo/contracts";
import type { ConnectionGrants, HttpClient, ResultCache } from "@fluxo/connectors";
import { runExecution, systemClock, type EngineLimits, type EventSink, type ExecutionStart, type ExecutionStore, type ResumeFrom, type ReusableRun, type StoredStepRun } from "@fluxo/engine";
import type { PortRoute } from "@fluxo/connectors";
import type pg from "pg";
import type { ConnectionService } from "../connections/connection-service.js";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";
import type { Logger } from "../logger.js";
import type { SecretBox } from "../secrets/secret-box.js";
import { openOutputTokens } from "../secrets/step-output-tokens.js";
import { utcColumn } from "../db/sql.js";
import { eventsRow, lastStoredSeq } from "./execution-events.js";
import { priorRunsOf } from "./prior-runs.js";
import { STORED_INPUT_COLUMNS, storedInput, type StoredInputRow } from "./stored-input.js";
import { ranDefinition } from "./ran-definition.js";

/** What the trigger already holds, so a run in the same process needn't read it back. */
export interface KnownExecution {
  definition: FlowDefinition;
  input: TriggerInput;
  /** Stored with the execution's creation (see `executionStart`). */
  started?: ExecutionStart;
  /** A re-run from the failed step: what it copies (see RunExecutionRequest.reuse). */
  reuse?: ReadonlyMap<string, ReusableRun>;
  /** A step test: the earlier outputs its expressions see. */
  seed?: Record<string, StepResult>;
}

/**
 * Runs executions with the engine — in the background of the request that created them
 * (single mode) or for a queue worker — and tracks them so shutdown can wait for (or
 * abort) what's running.
 */
export class ExecutionRunner {
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      /** Reads what a re-run or a step test takes from an earlier execution. */
      pool: pg.Pool;
      /** Opens the tokens of stored outputs, which a resumed execution's (or a re-run's) later steps may use. */
      box: SecretBox;
      store: ExecutionStore;
      events: EventSink;
      http: HttpClient;
      cache: ResultCache;
      connections: ConnectionService;
      grants?: ConnectionGrants;
      logger: Logger;
      limits?: Partial<EngineLimits>;
      /** Queue workers: a wait longer than this hands the execution off (FLUXO_WAIT_HANDOFF_MS); absent, waits hold their timer. */
      handOffAfterMs?: number;
    },
  ) {}

  /** Runs in the background; never rejects. */
  start(executionId: string, known?: KnownExecution): void {
    const run = this.run(executionId, known).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /**
   * Runs one execution to its end. One left `running` by a worker that died is run again
   * from the start, its events continuing after the last stored one; a finished one is
   * left alone (a queue may deliver a job twice). With `resume`, one handed off earlier goes on
   * from what is stored of it instead (finished steps are not run again).
   * Resolves with when to resume it when a step handed it off (queue workers), else null.
   */
  async run(executionId: string, known?: KnownExecution, options: { resume?: boolean } = {}): Promise<{ resumeAt: Date } | null> {
    const { pool, box, store, events, http, cache, connections, grants, logger, limits, handOffAfterMs } = this.deps;
    try {
      let request: (KnownExecution & { executionId: string; firstSeq: number; resume?: ResumeFrom }) | null = known ? { executionId, ...known, firstSeq: 0 } : null;
      if (!request) {
        const row = await this.stored(executionId);
        if (!row || isFinishedStatus(row.status)) return null;
        const firstSeq = row.status === "running" ? await lastStoredSeq(this.deps.prisma, executionId) : 0;
        const resume = options.resume && row.status === "running" && row.startedAt ? { startedAt: row.startedAt, runs: await this.storedRuns(executionId) } : undefined;
        if (firstSeq > 0 && !resume) logger.warn({ executionId }, "execution left running by a worker that stopped; running it again");
        request = { executionId, definition: FlowDefinitionSchema.parse(row.definition), input: await storedInput(row, true), firstSeq, ...(resume ? { resume } : {}), ...(await priorRunsOf(pool, box, row)) };
      }
      const outcome = await runExecution(request, {
        store,
        events,
        http,
        cache,
        ...(grants ? { grants } : {}),
        clock: systemClock,
        loadConnection: (id) => connections.loadValues(id),
        signal: this.abort.signal,
        ...(limits ? { limits } : {}),
        ...(handOffAfterMs !== undefined ? { handOffAfterMs } : {}),
      });
      logger.debug({ executionId, status: outcome.status }, outcome.resumeAt ? "execution handed off" : "execution finished");
      return outcome.resumeAt ? { resumeAt: outcome.resumeAt } : null;
    } catch (error) {
      // The store itself failed (e.g. the database went away): record what we can.
      logger.error({ err: error, executionId }, "execution could not be recorded");
      await this.markFailed(executionId).catch((e: unknown) => logger.error({ err: e, executionId }, "could not mark execution failed"));
      return null;
    }
  }

  /** What a run read back from its stored execution needs (a queue worker, or a run started again after a crash). */
  private async stored(executionId: string) {
    const { rows } = await this.deps.pool.query<StoredInputRow & { status: ExecutionStatus; startedAt: Date | null; definition: unknown; rerunOfId: string | null; rerunFrom: string | null; testedAgainstId: string | null; triggerSource: string }>(
      `SELECT status, ${utcColumn('"startedAt"')}, ${ranDefinition("e")} AS definition, ${STORED_INPUT_COLUMNS}, "rerunOfId", "rerunFrom", "testedAgainstId", "triggerSource" FROM "Execution" e WHERE id = $1`,
      [executionId],
    );
    return rows[0];
  }

  /** Every step run stored so far, tokens opened (later steps' expressions use them as obtained). */
  private async storedRuns(executionId: string): Promise<StoredStepRun[]> {
    const rows = await this.deps.prisma.stepRun.findMany({
      where: { executionId },
      select: { stepId: true, iteration: true, status: true, output: true, error: true, route: true, startedAt: true, attempt: true },
    });
    return rows.map((row) => ({
      stepId: row.stepId,
      iteration: row.iteration,
      status: row.status,
      output: openOutputTokens(row.output as StepResult | null, this.deps.box),
      error: row.error as StepErrorInfo | null,
      route: row.route as PortRoute | null,
      startedAt: row.startedAt,
      attempt: row.attempt,
    }));
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

  /** Aborts in-flight steps now (a worker told to stop hands its jobs back instead of waiting). */
  abortAll(): void {
    this.abort.abort();
  }

  get activeCount(): number {
    return this.running.size;
  }

  /** Closes an execution that can't go on (store failure, a job the queue gave up on), unless it already finished. */
  async markFailed(executionId: string, text: ReturnType<typeof stepMessage> = stepMessage("engine.not_recorded")): Promise<void> {
    const { prisma, events } = this.deps;
    const row = await prisma.execution.findUnique({ where: { id: executionId }, select: { status: true } });
    if (!row || isFinishedStatus(row.status)) return;
    const error = { kind: "internal" as const, ...text };
    const event: ExecutionEvent = { seq: (await lastStoredSeq(this.deps.prisma, executionId)) + 1, type: "execution.finished", executionId, at: new Date().toISOString(), status: "failed", error };
    await prisma.$transaction([
      prisma.stepRun.updateMany({ where: { executionId, status: "running" }, data: { status: "failed", finishedAt: new Date(), error: toJson(error) } }),
      prisma.stepRun.updateMany({ where: { executionId, status: "pending" }, data: { status: "skipped" } }),
      prisma.execution.update({ where: { id: executionId }, data: { status: "failed", finishedAt: new Date(), error: toJson(error) } }),
      prisma.executionEvents.create({ data: eventsRow([event]) }),
    ]);
    events.publish(event);
  }
}
