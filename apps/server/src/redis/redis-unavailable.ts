import type { Redis } from "ioredis";
import { serviceUnavailable, type ProblemError } from "../http/problem.js";

/** Seconds a request refused while queue mode's Redis is away tells the client to wait (Retry-After). */
export const REDIS_RETRY_AFTER_S = 5;

/** The one 503 every route answers when something it needs from Redis can't be done now; `detail` says what didn't happen. */
export const redisUnavailable = (detail: string): ProblemError => serviceUnavailable(`${detail}: tente de novo em ${REDIS_RETRY_AFTER_S} s`, REDIS_RETRY_AFTER_S, { dependency: "redis" });

/** Refuses before anything is written when the connection whose state stands for Redis isn't ready. */
export function assertRedisReady(redis: Redis, detail: string): void {
  if (redis.status !== "ready") throw redisUnavailable(detail);
}
