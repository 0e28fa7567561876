import { setTimeout as sleep } from "node:timers/promises";
import type { Pool, PoolClient } from "pg";
import type { Logger } from "../logger.js";

/** The advisory lock that elects the one process pruning at a time. */
const PRUNE_LOCK = 0x464c_5850; // "FLXP"

export interface PruneOptions {
  /** Executions deleted per statement (each its own short transaction, with its steps and events). */
  batch?: number;
  /** Rest between two full batches, so pruning a backlog leaves the database to the runs. */
  pauseMs?: number;
  /** Stops the pass after the batch in progress (the process is shutting down). */
  signal?: AbortSignal;
}

export interface PruneResult {
  byAge: number;
  byCount: number;
}

/** Never an execution still queued or running: only finished ones are pruned. */
const FINISHED = `e.status NOT IN ('queued', 'running')`;

/**
 * Deletes finished executions (their steps and events go with them, ON DELETE CASCADE) older
 * than their workspace's retention days, then those beyond its newest `maxExecutions`, oldest
 * first, in small batches. Null when another process is pruning.
 */
export async function pruneExecutions(pool: Pool, options: PruneOptions = {}): Promise<PruneResult | null> {
  const batch = options.batch ?? 200;
  const pauseMs = options.pauseMs ?? 10;
  const pace: Pace = { batch, pauseMs, signal: options.signal };
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ elected: boolean }>("SELECT pg_try_advisory_lock($1) AS elected", [PRUNE_LOCK]);
    if (!rows[0]?.elected) return null;
    try {
      const byAge = await inBatches(client, pace, (limit) => [
        `SELECT e.id FROM "Execution" e JOIN "Flow" f ON f.id = e."flowId" JOIN "Workspace" w ON w.id = f."workspaceId"
         WHERE e."createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(days => w."executionRetentionDays") AND ${FINISHED}
         ORDER BY e."createdAt" LIMIT ${limit} FOR UPDATE OF e SKIP LOCKED`,
        [],
      ]);
      let byCount = 0;
      const workspaces = await client.query<{ id: string; keep: number }>(`SELECT id, "executionRetentionCount" AS keep FROM "Workspace"`);
      for (const { id, keep } of workspaces.rows) if (!pace.signal?.aborted) byCount += await pruneBeyondCount(client, id, keep, pace);
      return { byAge, byCount };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRUNE_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The workspace's finished executions older than its newest `keep` ones. */
async function pruneBeyondCount(client: PoolClient, workspaceId: string, keep: number, pace: Pace): Promise<number> {
  const inWorkspace = `e."flowId" IN (SELECT id FROM "Flow" WHERE "workspaceId" = $1)`;
  // Counting stops at keep + 1, so a workspace under its cap costs little.
  const over = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Execution" e WHERE ${inWorkspace} LIMIT ${keep + 1}) s`, [workspaceId]);
  if ((over.rows[0]?.n ?? 0) <= keep) return 0;
  const edge = await client.query<{ createdAt: string; id: string }>(
    `SELECT e."createdAt"::text AS "createdAt", e.id FROM "Execution" e WHERE ${inWorkspace} ORDER BY e."createdAt" DESC, e.id DESC OFFSET ${keep} LIMIT 1`,
    [workspaceId],
  );
  const newestPruned = edge.rows[0];
  if (!newestPruned) return 0;
  return inBatches(client, pace, (limit) => [
    `SELECT e.id FROM "Execution" e WHERE ${inWorkspace} AND (e."createdAt", e.id) <= ($2::timestamp, $3::uuid) AND ${FINISHED}
     ORDER BY e."createdAt" LIMIT ${limit} FOR UPDATE OF e SKIP LOCKED`,
    [workspaceId, newestPruned.createdAt, newestPruned.id],
  ]);
}

interface Pace {
  batch: number;
  pauseMs: number;
  signal: AbortSignal | undefined;
}

/** Deletes what `select` picks, `batch` at a time (each statement a transaction of its own), until less than a batch is left or the pass is stopped. */
async function inBatches(client: PoolClient, { batch, pauseMs, signal }: Pace, select: (limit: number) => [string, unknown[]]): Promise<number> {
  const [sql, params] = select(batch);
  let total = 0;
  while (!signal?.aborted) {
    const { rowCount } = await client.query(`WITH doomed AS (${sql}) DELETE FROM "Execution" WHERE id IN (SELECT id FROM doomed)`, params);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) break;
    await sleep(pauseMs);
  }
  return total;
}

export interface ExecutionPruning {
  stop(): Promise<void>;
}

/** Prunes soon after start and then every `intervalMs`, in whichever process takes the lock. */
export function startExecutionPruning(pool: Pool, logger: Logger, intervalMs: number): ExecutionPruning {
  let inFlight: Promise<void> | null = null;
  const stopping = new AbortController();
  const pass = () => {
    if (inFlight || stopping.signal.aborted) return;
    inFlight = pruneExecutions(pool, { signal: stopping.signal })
      .then((result) => {
        if (result && result.byAge + result.byCount > 0) logger.info(result, "pruned old executions");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "could not prune old executions; the next pass tries again"))
      .finally(() => {
        inFlight = null;
      });
  };
  const first = setTimeout(pass, Math.min(intervalMs, 5_000));
  const timer = setInterval(pass, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      // A pass over a large backlog takes minutes: it ends after its current batch instead.
      stopping.abort();
      clearTimeout(first);
      clearInterval(timer);
      await inFlight;
    },
  };
}
