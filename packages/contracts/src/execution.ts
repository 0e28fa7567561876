import type { StepMessageParam } from "./step-messages.js";
import { z } from "zod";

export const TriggerInputSchema = z.object({
  body: z.unknown().default(null),
  headers: z.record(z.string(), z.string()).default({}),
  query_params: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
});
export type TriggerInput = z.infer<typeof TriggerInputSchema>;

/** `diverged`: it ran to the end, but a step with `onError: continue` failed on the way ("Divergência"). */
export const ExecutionStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "interrupted", "diverged"]);
export type ExecutionStatus = z.infer<typeof ExecutionStatusSchema>;

/** How far along an execution is: queued, running, then one of its ends. A status only ever moves forward. */
export const EXECUTION_STAGE: Record<ExecutionStatus, 0 | 1 | 2> = { queued: 0, running: 1, succeeded: 2, failed: 2, interrupted: 2, diverged: 2 };

export function isFinishedStatus(status: ExecutionStatus): boolean {
  return EXECUTION_STAGE[status] === 2;
}

export const StepStatusSchema = z.enum(["pending", "running", "succeeded", "failed", "skipped"]);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** Every step produces the same shape, so expressions can reach into any step. */
export interface StepResult {
  code: number;
  headers: Record<string, string>;
  body: unknown;
  /** Present when the operation may reuse an earlier result (e.g. BTG-ID's still-valid token). */
  cache?: StepResultCache;
}

export interface StepResultCache {
  /** True when this result was reused instead of calling the service. */
  hit: boolean;
  /** When the result was obtained from the service. */
  storedAt: string;
  /** Until when it may be reused (the token's expiry minus a safety margin). */
  reusableUntil: string;
  /** When the credential itself expires. */
  expiresAt: string;
}

/** One try of a step; a step that was retried has several. */
export interface StepAttempt {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error: StepErrorInfo | null;
  /** The attempt's last HTTP exchange (the one its error or result came from). */
  http: HttpExchangeSummary | null;
  /** Every exchange of the attempt in order, when it made more than one (a token then the API, or each page). */
  exchanges?: HttpExchangeSummary[];
  /** For a failed attempt that was retried: how long the engine waited before the next one. */
  retryInMs?: number;
}

/**
 * Why a step failed. `kind` tells the class of failure; `status`, `code` and
 * `description` carry what the remote service said (e.g. BTG's `invalid_client`).
 */
export const StepErrorKindSchema = z.enum([
  "http_error", // the service answered with an error status
  "invalid_response", // the service answered something we could not understand
  "network", // no answer: connection refused, DNS, reset
  "timeout", // no answer in time
  "invalid_parameters", // the step's parameters failed validation
  "expression", // an expression could not be evaluated
  "connection", // the step's connection is missing or incomplete
  "internal", // a bug on our side
  "refused", // the outbound policy does not allow calling that URL or address (not retried)
]);
export type StepErrorKind = z.infer<typeof StepErrorKindSchema>;

export interface StepErrorInfo {
  kind: StepErrorKind;
  /** In pt-BR; the text of `messageCode` when there is one (the fallback for rows stored before codes, and for API clients). */
  message: string;
  /** Which text of STEP_MESSAGES tells this error, so the web app can tell it in the person's language. */
  messageCode?: string;
  messageParams?: Record<string, StepMessageParam>;
  status?: number;
  code?: string;
  description?: string;
  /** Per-field problems, for `invalid_parameters` and `expression`. */
  fields?: { path: string; message: string }[];
  /**
   * False when trying again could do harm even though the failure might pass: a POST or
   * PATCH that reached the service without an idempotency key. Absent: the engine decides.
   */
  retryable?: boolean;
}

/** What the step details show of the HTTP exchange; headers already redacted. */
export interface HttpExchangeSummary {
  method: string;
  /** Secret query values masked. */
  url: string;
  requestHeaders: Record<string, string>;
  status: number | null;
  responseHeaders: Record<string, string>;
  durationMs: number;
  /** What this exchange was for, when a step makes several: "Token", "API", "Página 2". */
  label?: string;
  /** The answer's body size in bytes, when one was read. */
  responseBytes?: number;
}

export type EventType =
  | "execution.started"
  | "step.started"
  | "step.succeeded"
  | "step.failed"
  /** An attempt failed and the step will be tried again after `retryInMs`. */
  | "step.retrying"
  | "step.skipped"
  /** A Loop finished one more pass of its branch: `progress` says how many of how many. */
  | "step.progress"
  | "execution.finished";

/** One event of an execution, as stored and as sent over SSE (`id:` is `seq`). */
export interface ExecutionEvent {
  seq: number;
  type: EventType;
  executionId: string;
  at: string;
  stepId?: string;
  status?: ExecutionStatus | StepStatus;
  durationMs?: number;
  attempt?: number;
  error?: StepErrorInfo | null;
  /** For `step.retrying`: the wait before the next attempt. */
  retryInMs?: number;
  /** For `step.succeeded`: the result was reused from the cache (no call was made). */
  cacheHit?: boolean;
  /** For `step.succeeded`: copied from the execution this one re-ran (the step was not run again). */
  reused?: boolean;
  /** A step event of a Loop's branch: which pass of the step (0-based; absent for the first). */
  iteration?: number;
  /** A step event of a Loop's branch: per Loop around it, outermost first, the index of the current item (nested: [1, 2] is pass "2.3"). */
  loopPath?: number[];
  /** A Loop's `step.succeeded` (done 0) and `step.progress` events: passes of its branch done, of how many items. */
  progress?: LoopProgress;
}

export interface LoopProgress {
  done: number;
  total: number;
}
