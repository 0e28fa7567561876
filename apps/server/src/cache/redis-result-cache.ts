import { setTimeout as delay } from "node:timers/promises";
import type { CacheableResult, CachedResult, ResultCache } from "@fluxo/connectors";
import { resultCacheKey, SingleFlight, type StoredResult } from "@fluxo/engine";
import type { Redis } from "ioredis";
import type { SealedSecret, SecretBox } from "../secrets/secret-box.js";

/** How long one process may hold the right to load a key before others stop waiting for it. */
const LOAD_LOCK_MS = 30_000;
const POLL_MS = 20;

/**
 * Queue mode's cache, shared by every worker. Values hold access tokens, so they are
 * sealed by the secret box (AES-256-GCM, the one place secrets are sealed); keys are hashes. Single-flight
 * within a process, and across processes through a short Redis lock: the others wait for
 * the value instead of asking the service too.
 */
export class RedisResultCache implements ResultCache {
  private readonly flights = new SingleFlight<{ stored: StoredResult; reused: boolean }>();

  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly box: SecretBox,
    prefix: string,
  ) {
    this.keyPrefix = `${prefix}:result-cache:`;
  }

  async getOrLoad(keyParts: readonly unknown[], load: () => Promise<CacheableResult>): Promise<CachedResult> {
    const key = this.keyPrefix + resultCacheKey(keyParts);
    const found = await this.read(key);
    if (found) return { ...found, hit: true };
    const { value, joined } = await this.flights.run(key, () => this.loadOnce(key, load));
    return { ...value.stored, hit: joined || value.reused };
  }

  async invalidate(keyParts: readonly unknown[]): Promise<void> {
    await this.redis.del(this.keyPrefix + resultCacheKey(keyParts));
  }

  private async loadOnce(key: string, load: () => Promise<CacheableResult>): Promise<{ stored: StoredResult; reused: boolean }> {
    const lock = `${key}:lock`;
    for (;;) {
      if ((await this.redis.set(lock, "1", "PX", LOAD_LOCK_MS, "NX")) === "OK") {
        try {
          const found = await this.read(key);
          if (found) return { stored: found, reused: true };
          const stored: StoredResult = { ...(await load()), storedAt: new Date() };
          const ttl = stored.reusableUntil.getTime() - Date.now();
          if (ttl > 0) await this.redis.set(key, JSON.stringify(this.box.seal(serialize(stored))), "PX", ttl);
          return { stored, reused: false };
        } finally {
          await this.redis.del(lock);
        }
      }
      await delay(POLL_MS);
      const found = await this.read(key);
      if (found) return { stored: found, reused: true };
    }
  }

  private async read(key: string): Promise<StoredResult | null> {
    const text = await this.redis.get(key);
    if (text === null) return null;
    let stored: StoredResult;
    try {
      stored = deserialize(this.box.open(JSON.parse(text) as SealedSecret));
    } catch {
      // Sealed with a key since rotated (or unreadable): a miss; the token is asked for again.
      await this.redis.del(key);
      return null;
    }
    return stored.reusableUntil.getTime() > Date.now() ? stored : null;
  }
}

function serialize(stored: StoredResult): string {
  return JSON.stringify({ ...stored, storedAt: stored.storedAt.toISOString(), expiresAt: stored.expiresAt.toISOString(), reusableUntil: stored.reusableUntil.toISOString() });
}

function deserialize(text: string): StoredResult {
  const raw = JSON.parse(text) as Omit<StoredResult, "storedAt" | "expiresAt" | "reusableUntil"> & { storedAt: string; expiresAt: string; reusableUntil: string };
  return { ...raw, storedAt: new Date(raw.storedAt), expiresAt: new Date(raw.expiresAt), reusableUntil: new Date(raw.reusableUntil) };
}
