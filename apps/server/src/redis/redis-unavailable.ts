import { problem, type RouteProblemCode } from "../http/route-problems.js";
import type { Redis } from "ioredis";
import { serviceUnavailable, type ProblemError } from "../http/problem.js";

/** Seconds a request refused while queue mode's Redis is away tells the client to wait (Retry-After). */
export const REDIS_RETRY_AFTER_S = 5;

/** The one 503 every route answers when something it needs from Redis can't be done now; `detail` says what didn't happen. */
export const redisUnavailable = (detail: RouteProblemCode): ProblemError =>
  serviceUnavailable(problem("redis.unavailable", { what: problem(detail), wait: REDIS_RETRY_AFTER_S }), REDIS_RETRY_AFTER_S, { dependency: "redis" });

/** Refuses before anything is written when the connection whose state stands for Redis isn't ready. */
export function assertRedisReady(redis: Redis, detail: RouteProblemCode): void {
  if (redis.status !== "ready") throw redisUnavailable(detail);
}
