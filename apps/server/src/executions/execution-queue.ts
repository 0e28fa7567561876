import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "../logger.js";
import type { ExecutionLauncher } from "./execution-launcher.js";
import type { ExecutionRunner } from "./execution-runner.js";

export const EXECUTION_QUEUE = "fluxo-executions";

interface ExecutionJob {
  executionId: string;
}

/** The API side of queue mode: one BullMQ job per execution, its id the execution's (adding twice is a no-op). */
export function queueLauncher(connection: ConnectionOptions, prefix: string): ExecutionLauncher {
  const queue = new Queue<ExecutionJob>(EXECUTION_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 10_000 } },
  });
  return {
    runsHere: false,
    async launch(executionId) {
      await queue.add("run", { executionId }, { jobId: executionId });
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
export function startExecutionWorker(runner: ExecutionRunner, options: WorkerOptions, logger: Logger): Worker<ExecutionJob> {
  const worker = new Worker<ExecutionJob>(EXECUTION_QUEUE, (job) => runner.run(job.data.executionId), {
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
      .markFailed(job.data.executionId, "a execução parou duas vezes porque o processo que a rodava caiu; execute o fluxo de novo")
      .catch((e: unknown) => logger.error({ err: e, executionId: job.data.executionId }, "could not mark execution failed"));
  });
  worker.on("error", (error) => logger.error({ err: error }, "queue worker error"));
  return worker;
}
