import { DEFAULT_RETRY_POLICY, type HttpExchangeSummary, type RetryPolicy, type StepErrorInfo } from "@fluxo/contracts";

/**
 * Whether a failed attempt may succeed if tried again: no answer (network, timeout),
 * 429, or a 5xx. Never a 4xx that says the request itself is wrong (400, 401, …).
 */
export function isRetryable(error: StepErrorInfo): boolean {
  if (error.retryable !== undefined) return error.retryable;
  if (error.kind === "network" || error.kind === "timeout") return true;
  if (error.kind !== "http_error" || error.status === undefined) return false;
  return error.status === 429 || error.status >= 500;
}

/**
 * How long to wait before attempt `attempt + 1`, or null when the step should not be
 * retried: attempts used up, an error that won't pass, or a Retry-After beyond `maxDelayMs`
 * (trying earlier than the server asked is pointless).
 */
export function retryDelay(
  error: StepErrorInfo,
  http: HttpExchangeSummary | null,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts || !isRetryable(error)) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.backoffMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the backoff, so retries of many executions spread out but still back off.
  const jittered = Math.round(exponential / 2 + (random() * exponential) / 2);
  const retryAfter = retryAfterMs(http?.responseHeaders["retry-after"]);
  if (retryAfter === null) return jittered;
  if (retryAfter > policy.maxDelayMs) return null;
  return Math.max(retryAfter, jittered);
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
