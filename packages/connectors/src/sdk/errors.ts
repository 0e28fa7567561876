import type { StepErrorInfo } from "@fluxo/contracts";
import type { OutboundRefusal } from "./outbound-policy.js";

/** What a failed operation (or connection test) throws; `info` is stored and shown as is. */
export class StepError extends Error {
  override readonly name = "StepError";
  readonly info: StepErrorInfo;

  constructor(info: StepErrorInfo, options?: ErrorOptions) {
    super(info.message, options);
    this.info = info;
  }
}

/**
 * What an operation throws to hand its step off instead of holding the process (a long Espera in
 * queue mode, see `OperationContext.handOff`): the execution stops here, stored, and resumes on any
 * worker at `resumeAt`, running this step again with the same `startedAt`.
 */
export class StepSuspended extends Error {
  override readonly name = "StepSuspended";

  constructor(readonly resumeAt: Date) {
    super(`step suspended until ${resumeAt.toISOString()}`);
  }
}

/**
 * Why an `HttpClient` produced no usable response. The kinds are a subset of
 * `StepErrorKind`, so a caller may map `kind` straight onto a step error.
 */
export type HttpClientErrorKind = "network" | "timeout" | "invalid_response" | "refused";

export interface HttpClientErrorDetails {
  /** System or client error code, e.g. `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`; for `refused`, the rule (`link_local`, `insecure_scheme`, …). */
  code?: string;
  /** For `refused`: which outbound rule refused which host and address. */
  refusal?: OutboundRefusal;
  /** For `timeout`: the limit that was exceeded. */
  timeoutMs?: number;
  /** Time spent until the failure. */
  durationMs?: number;
  /** For `invalid_response` code `response_too_large`: the limit the body passed. */
  limitBytes?: number;
}

/** Messages name the target's origin only: never headers, bodies, paths or queries. */
export class HttpClientError extends Error {
  override readonly name = "HttpClientError";
  readonly kind: HttpClientErrorKind;
  readonly code: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly durationMs: number | undefined;
  readonly refusal: OutboundRefusal | undefined;
  readonly limitBytes: number | undefined;

  constructor(kind: HttpClientErrorKind, message: string, details: HttpClientErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
    this.code = details.code;
    this.timeoutMs = details.timeoutMs;
    this.durationMs = details.durationMs;
    this.refusal = details.refusal;
    this.limitBytes = details.limitBytes;
  }
}
