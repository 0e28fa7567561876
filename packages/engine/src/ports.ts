import type { ExecutionEvent, FlowDefinition, HttpExchangeSummary, StepErrorInfo, StepResult, TriggerInput } from "@fluxo/contracts";
import type { ConnectionValues, HttpClient } from "@fluxo/connectors";

/** The full record of a finished step, stored with its `step.succeeded`/`step.failed` event. */
export interface StepRunRecord {
  stepId: string;
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  input: Record<string, unknown> | null;
  output: StepResult | null;
  error: StepErrorInfo | null;
  http: HttpExchangeSummary | null;
}

export interface PlannedStep {
  stepId: string;
  position: number;
  connector: string;
  operation: string;
}

/** What changed, beside the event that announces it. */
export type ExecutionChange =
  | { kind: "execution.started"; at: Date; steps: PlannedStep[] }
  | { kind: "step.started"; stepId: string; at: Date; attempt: number }
  | { kind: "step.finished"; run: StepRunRecord }
  | { kind: "step.skipped"; stepId: string }
  | { kind: "execution.finished"; at: Date; status: "succeeded" | "failed"; error: StepErrorInfo | null };

/**
 * Persists an execution's progress. `apply` stores the change and its event together
 * (atomically), so an event is never published for a change that wasn't kept.
 */
export interface ExecutionStore {
  apply(change: ExecutionChange, event: ExecutionEvent): Promise<void>;
}

/** Publishes events to whoever follows the execution live; called after `apply`. */
export interface EventSink {
  publish(event: ExecutionEvent): void;
}

export interface Clock {
  now(): Date;
}

export interface RunExecutionRequest {
  executionId: string;
  definition: FlowDefinition;
  input: TriggerInput;
  /** Events already stored for this execution (0 for a new one). */
  firstSeq?: number;
}

export interface EngineDeps {
  store: ExecutionStore;
  events: EventSink;
  http: HttpClient;
  clock: Clock;
  loadConnection(id: string): Promise<ConnectionValues | null>;
  /** Aborts in-flight steps (server shutdown). */
  signal?: AbortSignal;
}

export const systemClock: Clock = { now: () => new Date() };
