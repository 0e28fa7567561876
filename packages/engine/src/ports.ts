import type { ExecutionEvent, FlowDefinition, FlowStep, HttpExchangeSummary, StepErrorInfo, StepResult, TriggerInput } from "@fluxo/contracts";
import type { ConnectionGrants, ConnectionValues, HttpClient, PortRoute, ResultCache } from "@fluxo/connectors";

/** One try of a step. */
export interface StepAttemptRecord {
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  error: StepErrorInfo | null;
  http: HttpExchangeSummary | null;
  /** Every exchange of the attempt, when it made more than one. */
  exchanges?: HttpExchangeSummary[];
  /** Set when the attempt failed and another one follows after this wait. */
  retryInMs?: number;
}

/** The full record of a finished step, stored with its `step.succeeded`/`step.failed` event. */
export interface StepRunRecord {
  stepId: string;
  /** Which pass of the step this is: 0, or n for its n+1-th run in a Loop's branch. */
  iteration: number;
  /** Per Loop around the step, outermost first, the index of the item this pass ran for (empty outside loops). */
  loopPath: number[];
  /** The last attempt's number. */
  attempt: number;
  /** When the first attempt started; `durationMs` covers every attempt and the waits between. */
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  input: Record<string, unknown> | null;
  output: StepResult | null;
  error: StepErrorInfo | null;
  http: HttpExchangeSummary | null;
  attempts: StepAttemptRecord[];
  /** Where a step with ports sent the flow (a Loop's items with it): kept so a resumed execution, or a re-run reusing the step, goes the same way. */
  route?: PortRoute;
  /** Copied from an earlier execution's run (a re-run from the failed step): not run again. */
  reused?: true;
}

/** A step run as stored, which a resumed execution replays instead of running the step again. */
export interface StoredStepRun {
  stepId: string;
  iteration: number;
  status: "pending" | "running" | "succeeded" | "failed" | "skipped";
  output: StepResult | null;
  error: StepErrorInfo | null;
  route: PortRoute | null;
  startedAt: Date | null;
  attempt: number;
}

/**
 * An execution handed off (a long Espera in queue mode) and now resumed, maybe by another
 * process: what it did so far, as stored. Finished step runs are replayed — their results and
 * routes, no events — and the step that was running at the hand-off runs on with its start.
 */
export interface ResumeFrom {
  /** When the execution started. */
  startedAt: Date;
  runs: StoredStepRun[];
}

/** A succeeded step run of an earlier execution that a re-run copies instead of running the step again. */
export interface ReusableRun {
  /** The step as that execution had it: the run is reused only while the step is still the same. */
  step: FlowStep;
  attempt: number;
  input: Record<string, unknown> | null;
  output: StepResult;
  http: HttpExchangeSummary | null;
  /** Null for a step with ports whose route wasn't recorded (runs stored before routes were): it runs again. */
  route: PortRoute | null;
}

/** The key of `RunExecutionRequest.reuse`: a step's pass. */
export function reuseKey(stepId: string, iteration: number): string {
  return `${stepId}#${iteration}`;
}

export interface PlannedStep {
  stepId: string;
  position: number;
  connector: string;
  operation: string;
}

/** How an execution ended. */
export interface ExecutionEnd {
  at: Date;
  status: "succeeded" | "failed" | "diverged";
  error: StepErrorInfo | null;
}

/**
 * What changed, beside the events that announce it. The first step starts as the execution
 * does, and the last step's end is the execution's: those pairs are one change each (announced
 * by two events), so storing a one-step execution takes two writes instead of four.
 */
export type ExecutionChange =
  | { kind: "execution.started"; at: Date; steps: readonly PlannedStep[]; firstStep: { stepId: string; at: Date } | null }
  | { kind: "step.started"; stepId: string; iteration: number; loopPath: number[]; at: Date; attempt: number }
  | { kind: "step.retrying"; stepId: string; iteration: number; attempts: StepAttemptRecord[] }
  | { kind: "step.finished"; run: StepRunRecord; execution: ExecutionEnd | null }
  | { kind: "step.skipped"; stepId: string; iteration: number; loopPath: number[] }
  /** A Loop finished one more pass of its branch: only its event is stored. */
  | { kind: "step.progress"; stepId: string; iteration: number; done: number; total: number }
  | ({ kind: "execution.finished" } & ExecutionEnd);

/**
 * Persists an execution's progress. `apply` stores the change and the events that announce
 * it together (atomically), so an event is never published for a change that wasn't kept.
 */
export interface ExecutionStore {
  apply(change: ExecutionChange, events: readonly ExecutionEvent[]): Promise<void>;
  /** The execution was handed off and goes on elsewhere: forget what was kept in memory for it. */
  release?(executionId: string): void;
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
  /**
   * The start (see `executionStart`), when whoever created the execution stored it in the
   * same write: the engine only publishes its events, and goes on.
   */
  started?: ExecutionStart;
  /** Resumes an execution handed off earlier; `firstSeq` is then its last stored event's. */
  resume?: ResumeFrom;
  /**
   * A re-run from the failed step: the earlier execution's succeeded runs by `reuseKey`. Walking
   * in the same order, each step pass found here (with an unchanged step) is copied — outputs,
   * ports and Loop items — until the first that isn't (the failed one); from there on everything runs.
   */
  reuse?: ReadonlyMap<string, ReusableRun>;
  /** Results expressions see before any step runs (a step tested against an earlier execution's outputs). */
  seed?: Record<string, StepResult>;
}

/** An execution's first change and the events that announce it. */
export interface ExecutionStart {
  change: Extract<ExecutionChange, { kind: "execution.started" }>;
  events: ExecutionEvent[];
}

export interface EngineDeps {
  store: ExecutionStore;
  events: EventSink;
  http: HttpClient;
  clock: Clock;
  loadConnection(id: string): Promise<ConnectionValues | null>;
  /** Results operations may reuse across executions (tokens); absent means no reuse. */
  cache?: ResultCache;
  /** The tokens of Authorization Code connections (kept and refreshed by the server). */
  grants?: ConnectionGrants;
  /** Aborts in-flight steps and waits between attempts (server shutdown). */
  signal?: AbortSignal;
  /** Waits between attempts; resolves early (without throwing) when `signal` aborts. Injectable for tests. */
  sleep?(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** [0, 1) for the backoff's jitter. */
  random?(): number;
  /** Bounds on one execution; absent ones take DEFAULT_LIMITS. */
  limits?: Partial<EngineLimits>;
  /**
   * Queue mode: a step that would wait longer than this (Espera) hands the execution off
   * instead — `runExecution` ends `suspended` with the time to resume it. Absent: steps wait in place.
   */
  handOffAfterMs?: number;
}

export interface EngineLimits {
  /** Items a repeating port (Loop's `each`) may run its branch for (FLUXO_LOOP_MAX_ITEMS). */
  maxLoopItems: number;
  /** Step runs in one execution, each pass of a Loop's branch counted (FLUXO_MAX_STEP_RUNS). */
  maxStepRuns: number;
}

export const systemClock: Clock = { now: () => new Date() };

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
