import { randomUUID } from "node:crypto";

/** At most `max` attempts per key within the throttle's window. */
export interface AttemptLimit {
  key: string;
  max: number;
}

/** An attempt taken from every limit at once, or the seconds to wait because one is used up. */
export type TakenAttempt = { taken: true; id: string } | { taken: false; retryAfter: number };

/**
 * Sliding windows of attempts shared by whoever signs in. `take` checks every limit and
 * records the attempt in all of them as one indivisible step, so parallel requests can't
 * all pass the check before any of them is counted.
 */
export interface AttemptWindows {
  take(limits: readonly AttemptLimit[], windowMs: number): Promise<TakenAttempt>;
  /** Removes one attempt from these keys (a sign-in that turned out right). */
  giveBack(id: string, keys: readonly string[]): Promise<void>;
  /** Forgets every attempt counted under these keys. */
  clear(keys: readonly string[]): Promise<void>;
}

/** Single mode: one process, so a synchronous check-and-take (no await in between) is atomic. */
export class MemoryAttemptWindows implements AttemptWindows {
  private readonly attempts = new Map<string, { at: number; id: string }[]>();
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  async take(limits: readonly AttemptLimit[], windowMs: number): Promise<TakenAttempt> {
    const now = this.now();
    if (now - this.lastSweep > windowMs) this.sweep(now - windowMs);
    let waitMs = 0;
    for (const { key, max } of limits) {
      const recent = (this.attempts.get(key) ?? []).filter((a) => a.at > now - windowMs);
      this.attempts.set(key, recent);
      if (recent.length >= max) waitMs = Math.max(waitMs, recent[recent.length - max]!.at + windowMs - now);
    }
    if (waitMs > 0) return { taken: false, retryAfter: Math.ceil(waitMs / 1000) };
    const id = randomUUID();
    for (const { key } of limits) this.attempts.get(key)!.push({ at: now, id });
    return { taken: true, id };
  }

  async giveBack(id: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const left = (this.attempts.get(key) ?? []).filter((a) => a.id !== id);
      if (left.length > 0) this.attempts.set(key, left);
      else this.attempts.delete(key);
    }
  }

  async clear(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.attempts.delete(key);
  }

  /** How many accounts and addresses are counted now. */
  get size(): number {
    return this.attempts.size;
  }

  /** Once a window: forgets keys whose attempts all left it (guesses spread over many e-mails would otherwise pile up). */
  private sweep(since: number): void {
    this.lastSweep = this.now();
    for (const [key, attempts] of this.attempts) if (!attempts.some((a) => a.at > since)) this.attempts.delete(key);
  }
}

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

/**
 * Slows password guessing: each sign-in takes an attempt, per account and per client
 * address, before its password is checked; once `perAccount` (or `perAddress`) attempts
 * are in the window, further ones are refused until the oldest leaves it. A right password
 * gives its attempt back and starts the account's count over.
 */
export class LoginThrottle {
  constructor(
    private readonly windows: AttemptWindows,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** The attempt to hand to `succeeded`, or the seconds to wait. */
  async take(email: string, address: string): Promise<TakenAttempt & { keys: string[] }> {
    const keys = [`account:${email.toLowerCase()}`, `address:${address}`];
    const limits = [
      { key: keys[0]!, max: this.limits.perAccount },
      { key: keys[1]!, max: this.limits.perAddress },
    ];
    return { ...(await this.windows.take(limits, this.limits.windowMs)), keys };
  }

  async succeeded(attempt: { id: string; keys: string[] }): Promise<void> {
    await this.windows.giveBack(attempt.id, attempt.keys);
    await this.windows.clear([attempt.keys[0]!]);
  }
}
