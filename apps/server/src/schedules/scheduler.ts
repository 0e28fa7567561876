import type { ExecutionService } from "../executions/execution-service.js";
import type { Logger } from "../logger.js";

/**
 * What fires the Agendador's ticks: timers in this process (single mode) or BullMQ job schedulers
 * in Redis (queue mode). PostgreSQL's FlowSchedule rows are the record both follow.
 */
export interface Scheduler {
  /** Follows what PostgreSQL now says of this flow's schedule: set, changed, disabled or deleted. */
  refresh(flowId: string): Promise<void>;
  /** Throws the 503 every route answers when a dependency is away (queue mode's Redis), before a change is written. */
  assertAvailable(): void;
  close(): Promise<void>;
}

/** What a tick does, for both schedulers: store and start the run; "gone" tells the scheduler to stop firing the flow. */
export async function fireTick(executions: ExecutionService, logger: Logger, flowId: string, tickAt: Date): Promise<"fired" | "gone"> {
  const result = await executions.triggerScheduled(flowId, tickAt);
  if (result.outcome === "gone") logger.info({ flowId, tickAt }, "schedule tick for a flow whose schedule was removed or disabled: stopping it");
  else if (result.outcome === "failed") logger.warn({ flowId, tickAt, executionId: result.executionId }, "scheduled run could not start; recorded as a failed execution");
  else if (result.outcome === "duplicate") logger.debug({ flowId, tickAt }, "schedule tick already ran elsewhere");
  return result.outcome === "gone" ? "gone" : "fired";
}
