import type { Config } from "./config.js";
import { startExecutionWorker } from "./executions/execution-queue.js";
import { runningClaims } from "./executions/running-claims.js";
import { createLogger, type Logger } from "./logger.js";
import { redisOptions } from "./redis/redis-options.js";
import { openRuntime } from "./runtime.js";

export interface RunningWorker {
  logger: Logger;
  close(): Promise<void>;
}

/** The worker role (FLUXO_MODE=queue, FLUXO_ROLE=worker): runs queued executions; no HTTP. Start as many as needed. */
export async function startWorker(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningWorker> {
  const runtime = await openRuntime(config, logger, "worker");
  try {
    const claims = runningClaims(runtime.database.fields, logger);
    const worker = startExecutionWorker(runtime.runner, claims, { connection: redisOptions(config.REDIS_URL!), prefix: config.FLUXO_REDIS_PREFIX, concurrency: config.FLUXO_WORKER_CONCURRENCY, lockMs: config.FLUXO_QUEUE_LOCK_MS }, logger);
    await worker.waitUntilReady();
    return {
      logger,
      async close() {
        // Finish what runs (BullMQ waits for active jobs), then let go of the connections.
        await worker.close();
        await claims.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
