import { stepMessage } from "@fluxo/contracts";
import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { assertRedisReady } from "../redis/redis-unavailable.js";
import { withTimeout } from "../with-timeout.js";
import type { ExecutionLauncher } from "./execution-launcher.js";
import type { ExecutionRunner } from "./execution-runner.js";
import type { RunningClaims } from "./running-claims.js";

export const EXECUTION_QUEUE = "fluxo-executions";

interface ExecutionJob {
  executionId: string;
  /** Set once the execution was handed off (a long Espera): the next run resumes it from what is stored. */
  resume?: boolean;
}

/** How long an API waits for Redis to take a job before leaving it to the requeue pass. */
const ADD_TIMEOUT_MS = 3_000;

export interface QueueLauncher extends ExecutionLauncher {
  /** Puts these executions (stored as queued) on the queue; those already there stay as they are. */
  requeue(executionIds: string[]): Promise<void>;
  /** Queues these executions (stored as running, no worker on them) to be resumed from what PostgreSQL holds; those with a job (a hand-off's delayed one) stay as they are. */
  resume(executionIds: string[]): Promise<void>;
}

/**
 * The API side of queue mode: one BullMQ job per execution, its id the execution's (adding twice
 * is a no-op). `redis` is a connection to the same Redis whose state says whether to accept runs.
 */
export function queueLauncher(connection: ConnectionOptions, prefix: string, redis: Redis, logger: Logger): QueueLauncher {
  const queue = new Queue<ExecutionJob>(EXECUTION_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 10_000 } },
  });
  queue.on("error", (error) => logger.warn({ err: error }, "execution queue connection error"));
  return {
    runsHere: false,
    assertAvailable() {
      assertRedisReady(redis, "redis.queue");
    },
    async launch(executionId) {
      // The execution is stored as queued already, so it is accepted: should Redis not take the job
      // now, the requeue pass puts it on the queue once Redis answers again.
      await withTimeout(queue.add("run", { executionId }, { jobId: executionId }), ADD_TIMEOUT_MS, "Redis").catch((error: unknown) =>
        logger.warn({ err: error, executionId }, "the queue did not take an execution; the requeue pass will"),
      );
    },
    async requeue(executionIds) {
      await withTimeout(queue.addBulk(executionIds.map((executionId) => ({ name: "run", data: { executionId }, opts: { jobId: executionId } }))), ADD_TIMEOUT_MS, "Redis");
    },
    async resume(executionIds) {
      await withTimeout(queue.addBulk(executionIds.map((executionId) => ({ name: "run", data: { executionId, resume: true }, opts: { jobId: executionId } }))), ADD_TIMEOUT_MS, "Redis");
    },
    close: () => queue.close(),
  };
}

export interface WorkerOptions {
  connection: ConnectionOptions;
  /** FLUXO_REDIS_PREFIX: the API and its workers must agree on it. */
  prefix: string;
  concurrency: number;
  /** A job whose worker stops renewing its lock for this long is taken as stalled (its worker died). */
  lockMs: number;
}

/**
 * The worker side: runs each job's execution. BullMQ's stalled-job check hands the job of a
 * worker that died to another (the runner runs it again); after a second stall BullMQ fails
 * the job and the execution is marked failed — never left `running`.
 */
export function startExecutionWorker(runner: ExecutionRunner, claims: RunningClaims, options: WorkerOptions, logger: Logger): Worker<ExecutionJob> {
  const worker = new Worker<ExecutionJob>(EXECUTION_QUEUE, (job, token) => runJob(runner, claims, job, token, logger), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: 1,
  });
  worker.on("failed", (job, error) => {
    if (!job) return;
    logger.error({ err: error, executionId: job.data.executionId }, "the queue gave up on an execution");
    runner
      .markFailed(job.data.executionId, stepMessage("engine.crashed_twice"))
      .catch((e: unknown) => logger.error({ err: e, executionId: job.data.executionId }, "could not mark execution failed"));
  });
  worker.on("error", (error) => logger.error({ err: error }, "queue worker error"));
  return worker;
}

/**
 * Runs a job's execution. One that a step handed off (a long Espera) goes back to the queue as
 * this same job, delayed until it resumes: the worker's slot is free meanwhile, and whichever
 * worker takes the job then resumes the execution from PostgreSQL (BullMQ's pattern for a job
 * that waits: moveToDelayed, then DelayedError so the worker lets go of it).
 * While it runs, the worker holds the execution's claim (running-claims.ts): a job queued again
 * for it after Redis lost the first one finds it claimed and leaves it to the worker running it.
 */
async function runJob(runner: ExecutionRunner, claims: RunningClaims, job: Job<ExecutionJob>, token: string | undefined, logger: Logger): Promise<void> {
  const { executionId } = job.data;
  if (!(await claims.claim(executionId))) {
    logger.warn({ executionId }, "a job for an execution another worker is running: left to that worker");
    return;
  }
  let handedOff: { resumeAt: Date } | null;
  try {
    handedOff = await runner.run(executionId, undefined, { resume: job.data.resume === true });
  } finally {
    await claims.release(executionId);
  }
  if (!handedOff) return;
  if (!job.data.resume) await job.updateData({ ...job.data, resume: true });
  await job.moveToDelayed(handedOff.resumeAt.getTime(), token);
  throw new DelayedError();
}
