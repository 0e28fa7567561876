import { hash } from "node:crypto";
import type { CacheableResult, CachedResult, ResultCache } from "@fluxo/connectors";

/** The one key derivation of every ResultCache: a hash, so secrets among the parts never leave as they are. */
export function resultCacheKey(parts: readonly unknown[]): string {
  return hash("sha256", JSON.stringify(parts), "base64url");
}

export type StoredResult = CacheableResult & { storedAt: Date };

/** Runs one `load` per key at a time; callers that arrive while it runs share its outcome. */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  /** `joined` is true for callers that waited on someone else's load. */
  async run(key: string, load: () => Promise<T>): Promise<{ value: T; joined: boolean }> {
    const pending = this.inflight.get(key);
    if (pending) return { value: await pending, joined: true };
    const loading = load();
    this.inflight.set(key, loading);
    try {
      return { value: await loading, joined: false };
    } finally {
      this.inflight.delete(key);
    }
  }
}

/** Single mode's cache: this process's memory, at most `maxEntries` results (oldest dropped first). */
export class MemoryResultCache implements ResultCache {
  private readonly entries = new Map<string, StoredResult>();
  private readonly flights = new SingleFlight<StoredResult>();

  constructor(private readonly options: { maxEntries?: number; now?: () => number } = {}) {}

  async getOrLoad(keyParts: readonly unknown[], load: () => Promise<CacheableResult>): Promise<CachedResult> {
    const key = resultCacheKey(keyParts);
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.reusableUntil.getTime() > now) return { ...entry, hit: true };
    if (entry) this.entries.delete(key);
    const { value, joined } = await this.flights.run(key, async () => {
      const stored: StoredResult = { ...(await load()), storedAt: new Date(this.now()) };
      if (stored.reusableUntil.getTime() > this.now()) this.store(key, stored);
      return stored;
    });
    return { ...value, hit: joined };
  }

  async invalidate(keyParts: readonly unknown[]): Promise<void> {
    this.entries.delete(resultCacheKey(keyParts));
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, stored: StoredResult): void {
    this.entries.delete(key);
    this.entries.set(key, stored);
    const max = this.options.maxEntries ?? 10_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
