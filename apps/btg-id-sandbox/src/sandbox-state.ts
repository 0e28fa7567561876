import { SandboxConfigError, latencyMsSchema } from "./config.js";
import { isFor, prepareFailures } from "./scripted-failures.js";
import type { FailureTaker, PreparedFailure, TargetedKind } from "./scripted-failures.js";
import type { SandboxStats } from "./types.js";

/**
 * The knobs (latency, failure script) and counters shared by the token endpoint, the
 * resource API and the control API.
 */
export class SandboxState {
  private latency: number;
  private failures: PreparedFailure[] = [];
  private tokenRequests = 0;
  private tokensIssued = 0;
  private tokensIssuedByGrant = new Map<string, number>();
  private apiRequests = 0;
  private errors = new Map<string, number>();
  private readonly resetListeners: Array<() => void> = [];

  constructor(latencyMs: number) {
    this.latency = latencyMs;
  }

  get latencyMs(): number {
    return this.latency;
  }

  setLatency(ms: unknown): void {
    const parsed = latencyMsSchema.safeParse(ms);
    if (!parsed.success) {
      throw new SandboxConfigError(`latency must be an integer number of milliseconds from 0 to 600000 (got ${String(ms)})`);
    }
    this.latency = parsed.data;
  }

  /** Replaces the script; validated first, so a bad script leaves the old one in place. */
  scriptFailures(failures: unknown): void {
    this.failures = prepareFailures(failures);
  }

  /**
   * The first scripted entry meant for `taker` (a request that just arrived, or a targeted
   * step of the Authorization Code grant), removed from the queue; undefined when none is.
   */
  takeFailure(taker: FailureTaker): PreparedFailure | undefined {
    const index = this.failures.findIndex((failure) => isFor(failure, taker));
    return index < 0 ? undefined : this.failures.splice(index, 1)[0];
  }

  /** Takes the next scripted entry aimed at a step of the Authorization Code grant; true when one was queued. */
  takeTargetedFailure(kind: TargetedKind): boolean {
    return this.takeFailure(kind) !== undefined;
  }

  countTokenRequest(): void {
    this.tokenRequests += 1;
  }

  countTokenIssued(grantType: string): void {
    this.tokensIssued += 1;
    this.tokensIssuedByGrant.set(grantType, (this.tokensIssuedByGrant.get(grantType) ?? 0) + 1);
  }

  countApiRequest(): void {
    this.apiRequests += 1;
  }

  countError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  stats(): SandboxStats {
    return {
      tokenRequests: this.tokenRequests,
      tokensIssued: this.tokensIssued,
      tokensIssuedByGrant: Object.fromEntries(this.tokensIssuedByGrant),
      apiRequests: this.apiRequests,
      errors: Object.fromEntries(this.errors),
    };
  }

  reset(): void {
    this.latency = 0;
    this.failures = [];
    this.tokenRequests = 0;
    this.tokensIssued = 0;
    this.tokensIssuedByGrant.clear();
    this.apiRequests = 0;
    this.errors.clear();
    for (const listener of this.resetListeners) listener();
  }

  /** Runs `listener` on every reset(), e.g. to forget the payments the API has made. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }
}
