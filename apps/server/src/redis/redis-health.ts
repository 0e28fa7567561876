import type { Redis } from "ioredis";
import { withTimeout } from "../with-timeout.js";

/** Whether Redis answers a PING within `timeoutMs`; a connection that isn't ready doesn't even ask. */
export async function redisAnswers(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status !== "ready") return false;
  return withTimeout(redis.ping(), timeoutMs, "Redis").then(() => true, () => false);
}
