import type { Redis } from "ioredis";
import type { Pool, PoolClient } from "pg";
import type { Logger } from "../logger.js";
import type { QueueLauncher } from "./execution-queue.js";
import { isClaimed } from "./running-claims.js";

/** The advisory lock that elects the one process doing a requeue pass (any constant unique to this job). */
const REQUEUE_LOCK = 0x464c_5851; // "FLXQ"
const BATCH = 500;

export interface QueueRequeue {
  /** One pass now; how many queued executions it handed to the queue again (0 when another process holds the pass or Redis is away). */
  pass(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL is the record of accepted runs: every execution it has as `queued` is put on the
 * queue again (a no-op for those still there), and every one `running` that no live worker
 * claims is queued to resume from what is stored (finished steps are not run again), so runs
 * survive Redis losing its data (a restart without persistence, a failover) — waiting ones
 * handed off as delayed jobs, and running ones whose worker died with it, included. A pass runs at start, every `intervalMs`, and whenever the
 * Redis connection comes back; a PostgreSQL advisory lock lets one process at a time do it.
 */
export function startQueueRequeue(deps: { pool: Pool; launcher: QueueLauncher; redis: Redis; logger: Logger }, intervalMs: number): QueueRequeue {
  const { pool, launcher, redis, logger } = deps;
  let inFlight: Promise<number> | null = null;

  async function requeueAll(): Promise<number> {
    if (redis.status !== "ready") return 0;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ elected: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS elected", [REQUEUE_LOCK]);
      if (!rows[0]?.elected) return 0;
      const queued = await inPages(client, "e.status = 'queued'", (ids) => launcher.requeue(ids));
      // Left running with no worker on it: its job (a hand-off's delayed one, or the one a worker
      // ran) may be gone with Redis's data. Adding it again is a no-op for a job Redis still has.
      const orphaned = await inPages(client, `e.status = 'running' AND NOT ${isClaimed("e")}`, (ids) => launcher.resume(ids));
      if (orphaned > 0) logger.debug({ count: orphaned }, "running executions no worker holds were handed to the queue to resume (a no-op for jobs Redis still has)");
      return queued;
    } finally {
      await client.query("COMMIT").catch(() => undefined);
      client.release();
    }
  }

  const pass = (): Promise<number> =>
    (inFlight ??= requeueAll()
      .catch((error: unknown) => {
        logger.warn({ err: error }, "could not put queued executions back on the queue; the next pass tries again");
        return 0;
      })
      .finally(() => {
        inFlight = null;
      }));

  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  const onReady = () => void pass();
  redis.on("ready", onReady);
  return {
    pass,
    async stop() {
      clearInterval(timer);
      redis.off("ready", onReady);
      await inFlight;
    },
  };
}

/** Hands every execution matching `where` (alias `e`) to `hand`, in keyset pages in the order they were accepted; how many. */
async function inPages(client: PoolClient, where: string, hand: (ids: string[]) => Promise<void>): Promise<number> {
  let total = 0;
  // Text keeps the timestamp's microseconds.
  for (let after = ["-infinity", "00000000-0000-0000-0000-000000000000"]; ; ) {
    const page = await client.query<{ id: string; createdAt: string }>(
      `SELECT e.id, e."createdAt"::text AS "createdAt" FROM "Execution" e
       WHERE ${where} AND (e."createdAt", e.id) > ($1::timestamp, $2::uuid)
       ORDER BY e."createdAt", e.id LIMIT ${BATCH}`,
      after,
    );
    if (page.rows.length === 0) return total;
    await hand(page.rows.map((r) => r.id));
    total += page.rows.length;
    const last = page.rows[page.rows.length - 1]!;
    after = [last.createdAt, last.id];
    if (page.rows.length < BATCH) return total;
  }
}
