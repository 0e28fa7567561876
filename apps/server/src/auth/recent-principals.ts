import type { Principal } from "./permissions.js";

/** Sessions and API keys remembered at most; the one remembered longest ago goes first. */
const LIMIT = 10_000;

interface Remembered {
  principal: Principal;
  /** Epoch ms after which the database is asked again. */
  until: number;
}

/** What a check found: who it is, and (a session) when that ends. */
export interface Found {
  principal: Principal;
  expiresAt?: number;
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
  /** Moves on with every `forgetAll`, so a check that was under way then isn't remembered. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal remembered for `hash`, else what `check` finds (remembered when it finds one). */
  async lookup(hash: string, check: () => Promise<Found | null>): Promise<Principal | null> {
    const entry = this.entries.get(hash);
    if (entry && entry.until > this.now()) return entry.principal;
    if (entry) this.entries.delete(hash);
    const generation = this.generation;
    const found = await check();
    if (found && this.ttlMs > 0 && generation === this.generation) this.remember(hash, found);
    return found?.principal ?? null;
  }

  /** Who may do what changed: believe nothing remembered, nor any check under way. */
  forgetAll(): void {
    this.entries.clear();
    this.generation++;
  }

  private remember(hash: string, { principal, expiresAt = Infinity }: Found): void {
    this.entries.delete(hash);
    this.entries.set(hash, { principal, until: Math.min(this.now() + this.ttlMs, expiresAt) });
    if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value!);
  }
}
