import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { AttemptLimit, AttemptWindows, TakenAttempt } from "../auth/login-throttle.js";

/**
 * One sorted set per key (score: when, member: the attempt's id). The script runs whole
 * inside Redis, so every API process sharing it sees one count; Redis's own clock keeps
 * processes with drifting clocks on one window. Answers 0 when taken, else the ms to wait.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local max = tonumber(ARGV[2 + i])
  local count = redis.call('ZCARD', key)
  if count >= max then
    local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return 0
`;

/** Queue mode: the login limit holds across every API process sharing this Redis. */
export class RedisAttemptWindows implements AttemptWindows {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async take(limits: readonly AttemptLimit[], windowMs: number): Promise<TakenAttempt> {
    const id = randomUUID();
    const keys = limits.map((l) => this.key(l.key));
    const waitMs = Number(await this.redis.eval(TAKE, keys.length, ...keys, windowMs, id, ...limits.map((l) => l.max)));
    return waitMs > 0 ? { taken: false, retryAfter: Math.ceil(waitMs / 1000) } : { taken: true, id };
  }

  async giveBack(id: string, keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.redis.zrem(this.key(key), id)));
  }

  async clear(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.key(key)));
  }

  private key(key: string): string {
    return `${this.prefix}:login:${key}`;
  }
}
