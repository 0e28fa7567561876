import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { PrismaClient } from "../db/database.js";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { assertRedisReady, redisUnavailable } from "../redis/redis-unavailable.js";
import { withTimeout } from "../with-timeout.js";
import type { Scheduler } from "./scheduler.js";

export const SCHEDULE_QUEUE = "fluxo-schedules";

/**
 * A tick delivered later than this after its time is dropped (logged), so ticks missed while
 * every process was down are not replayed; a tick late by less still runs (e.g. across a restart).
 */
export const MISSED_TICK_GRACE_MS = 60_000;

interface TickJob {
  flowId: string;
}

/** A tick that fails to be stored (the database blinked) is tried again; its execution is still stored once. */
/** How long a schedule change waits for Redis before answering 503. */
const REDIS_TIMEOUT_MS = 3_000;

const TICK_JOB_OPTIONS = { attempts: 3, backoff: { type: "fixed", delay: 1_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 1_000 } };

export interface QueueSchedulerOptions {
  prisma: PrismaClient;
  connection: ConnectionOptions;
  /** The connection whose state says whether Redis is reachable (the runtime's). */
  redis: Redis;
  prefix: string;
  fire: (flowId: string, tickAt: Date) => Promise<"fired" | "gone">;
  logger: Logger;
}

/**
 * Queue mode: one BullMQ job scheduler per enabled schedule (its id the flow's), so Redis makes
 * exactly one job per tick however many API processes there are; each API runs a worker that
 * turns a tick's job into an execution (queued for the workers like any other). PostgreSQL stays
 * the record: every API re-syncs Redis from it on start (after Redis lost its data, or a schedule
 * changed while Redis was away), and the execution's unique (flow, tick) stores a tick delivered
 * twice once.
 */
export async function startQueueScheduler(options: QueueSchedulerOptions): Promise<Scheduler> {
  const { prisma, connection, redis, prefix, fire, logger } = options;
  const queue = new Queue<TickJob>(SCHEDULE_QUEUE, { connection, prefix });
  queue.on("error", (error) => logger.warn({ err: error }, "schedule queue connection error"));

  const refresh = async (flowId: string) => {
    const schedule = await prisma.flowSchedule.findUnique({ where: { flowId }, select: { cron: true, timezone: true, enabled: true } });
    const change: Promise<unknown> = schedule?.enabled
      ? queue.upsertJobScheduler(flowId, { pattern: schedule.cron, tz: schedule.timezone }, { name: "tick", data: { flowId }, opts: TICK_JOB_OPTIONS })
      : queue.removeJobScheduler(flowId);
    await withTimeout(change, REDIS_TIMEOUT_MS, "Redis").catch((error: unknown) => {
      logger.warn({ err: error, flowId }, "a schedule change did not reach Redis");
      // PostgreSQL has the change: a retry, the next start's re-sync or the flow's next tick applies it.
      throw redisUnavailable("redis.scheduler_saved");
    });
  };

  // Re-sync before taking ticks: an upsert also replaces a tick left due while everything was down.
  const enabled = await prisma.flowSchedule.findMany({ where: { enabled: true }, select: { flowId: true } });
  const inRedis = await queue.getJobSchedulers();
  const stale = inRedis.map((s) => s.key).filter((key) => !enabled.some((s) => s.flowId === key));
  for (const flowId of [...enabled.map((s) => s.flowId), ...stale]) {
    // One that fails (its tick is being taken right now) keeps the scheduler it has.
    await refresh(flowId).catch((error: unknown) => logger.warn({ err: error, flowId }, "could not re-sync a schedule to Redis"));
  }

  const worker = new Worker<TickJob>(
    SCHEDULE_QUEUE,
    async (job) => {
      const tickAt = new Date(job.opts.prevMillis ?? job.timestamp);
      if (Date.now() - tickAt.getTime() > MISSED_TICK_GRACE_MS) {
        logger.warn({ flowId: job.data.flowId, tickAt }, "schedule tick delivered too late (missed while the system was down): not run");
        return;
      }
      if ((await fire(job.data.flowId, tickAt)) === "gone") await refresh(job.data.flowId);
    },
    { connection, prefix, concurrency: 8 },
  );
  worker.on("error", (error) => logger.error({ err: error }, "schedule worker error"));
  worker.on("failed", (job, error) => logger.error({ err: error, flowId: job?.data.flowId }, "a schedule tick failed"));
  await worker.waitUntilReady();

  return {
    refresh,
    assertAvailable: () => assertRedisReady(redis, "redis.scheduler_unchanged"),
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
