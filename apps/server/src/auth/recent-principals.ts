import type { Principal } from "./permissions.js";

/** Sessions and API keys remembered at most; the one remembered longest ago goes first. */
const LIMIT = 10_000;

interface Remembered {
  principal: Principal;
  /** Epoch ms after which the database is asked again. */
  until: number;
}

/**
 * Sessions and API keys this process checked in the last `ttlMs`, by their hash, so a client
 * sending many requests doesn't cost a query each. Only ever a positive answer (an unknown token
 * is asked every time), never past the session's own expiry, and emptied by every sign-out, role
 * change, removal or revocation this process makes; one made by another API process counts here
 * within `ttlMs`. `ttlMs` 0 turns it off.
 */
export class RecentPrincipals {
  private readonly entries = new Map<string, Remembered>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(hash: string): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  remember(hash: string, principal: Principal, expiresAt = Infinity): Principal {
    if (this.ttlMs === 0) return principal;
    this.entries.delete(hash);
    this.entries.set(hash, { principal, until: Math.min(this.now() + this.ttlMs, expiresAt) });
    if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value!);
    return principal;
  }

  /** Who may do what changed: believe nothing remembered. */
  forgetAll(): void {
    this.entries.clear();
  }
}
