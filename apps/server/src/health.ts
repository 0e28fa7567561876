import { problem } from "./http/route-problems.js";
import type { Health } from "@fluxo/contracts";
import type { Redis } from "ioredis";
import type { Pool } from "pg";
import { serviceUnavailable } from "./http/problem.js";
import { redisAnswers } from "./redis/redis-health.js";
import { withTimeout } from "./with-timeout.js";

/** How long one dependency may take to answer a health check before it counts as down. */
const CHECK_TIMEOUT_MS = 1_500;
const RETRY_AFTER_S = 5;

type State = "up" | "down";

/**
 * `/api/health`: the process's facts when the database (and, in queue mode, Redis) answer;
 * otherwise a 503 naming what is down in `dependencies`, within a couple of seconds.
 */
export function healthCheck(deps: { pool: Pool; redis: Redis | null; facts: Omit<Health, "status"> }): () => Promise<Health> {
  return async () => {
    const [database, redis] = await Promise.all([
      withTimeout(deps.pool.query("SELECT 1"), CHECK_TIMEOUT_MS, "PostgreSQL").then((): State => "up", (): State => "down"),
      deps.redis ? redisAnswers(deps.redis, CHECK_TIMEOUT_MS).then((ok): State => (ok ? "up" : "down")) : null,
    ]);
    const dependencies = { database, ...(redis ? { redis } : {}) };
    const down = Object.entries(dependencies)
      .filter(([, state]) => state === "down")
      .map(([name]) => problem(name === "redis" ? "dependency.redis" : "dependency.database"));
    if (down.length > 0) {
      const detail = down.length > 1 ? problem("health.down_both", { first: down[0]!, second: down[1]! }) : problem("health.down_one", { dependency: down[0]! });
      throw serviceUnavailable(detail, RETRY_AFTER_S, { dependencies });
    }
    return { status: "ok", ...deps.facts };
  };
}
