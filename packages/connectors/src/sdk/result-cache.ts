import type { StepResult } from "@fluxo/contracts";

/** A result worth keeping, and until when it may be handed out again. */
export interface CacheableResult {
  result: StepResult;
  /** When the credential itself expires. */
  expiresAt: Date;
  /** Until when it may be reused: before `expiresAt`, with a safety margin. */
  reusableUntil: Date;
}

export interface CachedResult extends CacheableResult {
  /** True when no call was made: another execution (or an earlier one) obtained it. */
  hit: boolean;
  storedAt: Date;
}

/**
 * Lets an operation reuse a result (e.g. an access token) across executions. The key is
 * given as parts; the implementation hashes them, so secrets among them are never stored
 * or sent anywhere as they are. Concurrent callers with the same key share one `load`
 * (single-flight); a `load` that throws caches nothing.
 */
export interface ResultCache {
  getOrLoad(keyParts: readonly unknown[], load: () => Promise<CacheableResult>): Promise<CachedResult>;
  /** Forgets a result, e.g. after a service refused the token it holds. */
  invalidate(keyParts: readonly unknown[]): Promise<void>;
}
