/**
 * Slows password guessing: after `maxFailures` failed logins for the same e-mail, or from
 * the same address, within `windowMs`, further attempts are refused until the oldest
 * failure leaves the window. Kept in memory: each API process counts its own attempts.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt, or 0 when one is allowed. */
  retryAfter(keys: string[]): number {
    const now = this.now();
    let waitMs = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) waitMs = Math.max(waitMs, recent[recent.length - this.maxFailures]! + this.windowMs - now);
    }
    return Math.ceil(waitMs / 1000);
  }

  fail(keys: string[]): void {
    const now = this.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
