import { problem } from "./http/route-problems.js";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Sandbox } from "@fluxo/btg-id-sandbox";
import { createApp } from "./app.js";
import { createAppServer } from "./http/app-server.js";
import { AuthService } from "./auth/auth-service.js";
import { LoginThrottle, MemoryAttemptWindows, type AttemptWindows } from "./auth/login-throttle.js";
import type { Config } from "./config.js";
import { gatewayOptions } from "./gateway/gateway-options.js";
import type { Database } from "./db/database.js";
import type { LoadedKey } from "./secrets/encryption-key.js";
import { inProcessLauncher, type ExecutionLauncher } from "./executions/execution-launcher.js";
import type { ExecutionRunner } from "./executions/execution-runner.js";
import { DebugRuns } from "./executions/debug-runs.js";
import { ExecutionService } from "./executions/execution-service.js";
import { IdempotentRuns } from "./executions/idempotent-runs.js";
import { recoverInterrupted } from "./executions/recover-interrupted.js";
import { startExecutionPruning } from "./executions/execution-pruning.js";
import { ExecutionRetentionSettings } from "./executions/execution-retention.js";
import { startQueueRequeue } from "./executions/requeue-queued.js";
import { healthCheck } from "./health.js";
import { FlowService } from "./flows/flow-service.js";
import { FlowTransferService } from "./flows/flow-transfer.js";
import { FlowVersionService } from "./flows/flow-versions.js";
import { createLogger, type Logger } from "./logger.js";
import { redisOptions } from "./redis/redis-options.js";
import { LocalScheduler } from "./schedules/local-scheduler.js";
import { ScheduleService } from "./schedules/schedule-service.js";
import { fireTick } from "./schedules/scheduler.js";
import { openRuntime, type RuntimeOptions } from "./runtime.js";
import { AuthorizationServers } from "./oauth/authorization-server.js";
import { ConnectFlow } from "./oauth/connect-flow.js";
import { startKeepConnected } from "./oauth/keep-connected.js";

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

export interface RunningServer {
  url: string;
  database: Database;
  /** Where the key that seals secrets came from (`generated` on a first embedded start). */
  encryptionKey: LoadedKey;
  sandbox: Sandbox | null;
  logger: Logger;
  runner: ExecutionRunner;
  auth: AuthService;
  /** At start: executions marked interrupted and queued ones launched (single mode), or how many queued ones were put back on the queue (queue mode). */
  recovered: { interrupted: string[]; queued: string[]; requeued: number };
  /** "Manter conectado": one pass now (the timer runs them every FLUXO_BTG_KEEP_CONNECTED_CHECK_MS); how many connections it refreshed. */
  keepConnected: { pass(): Promise<number> };
  close(): Promise<void>;
}

/**
 * The local BTG-ID sandbox beside the app. It accepts Fluxo's callback on any loopback origin
 * by itself; a FLUXO_PUBLIC_URL elsewhere (a LAN address, a host name) is registered with it.
 */
async function startLocalSandbox(config: Config): Promise<Sandbox> {
  const { startSandbox, LOOPBACK_CALLBACK_PATH } = await import("@fluxo/btg-id-sandbox");
  const redirectUris = config.FLUXO_PUBLIC_URL ? [`${config.FLUXO_PUBLIC_URL}${LOOPBACK_CALLBACK_PATH}`] : [];
  return startSandbox({ host: config.BTG_SANDBOX_HOST, port: config.BTG_SANDBOX_PORT, strictGrants: config.BTG_SANDBOX_STRICT_GRANTS, redirectUris });
}

/**
 * The API role: opens the database (migrated), starts the sandbox if asked, then listens.
 * In single mode it runs executions itself and, first, recovers what a previous process
 * left behind; in queue mode workers run them (and BullMQ recovers a dead worker's jobs),
 * so it only re-enqueues executions that never reached the queue.
 */
export async function startServer(config: Config, logger: Logger = createLogger(config.LOG_LEVEL), options: RuntimeOptions = {}): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger, "api", options);
  const cleanup: (() => Promise<void>)[] = [() => runtime.close()];
  try {
    const sandbox = config.sandbox ? await startLocalSandbox(config) : null;
    if (sandbox) cleanup.unshift(() => sandbox.close());

    const { database, connections, runner, bus } = runtime;
    const { prisma } = database;
    const queued = config.FLUXO_MODE === "queue";
    const toQueue = queued ? (await import("./executions/execution-queue.js")).queueLauncher(redisOptions(config.REDIS_URL!), config.FLUXO_REDIS_PREFIX, runtime.redis!, logger) : null;
    const launcher: ExecutionLauncher = toQueue ?? inProcessLauncher(runner);
    cleanup.unshift(() => launcher.close());
    const flows = new FlowService(prisma, connections);
    const versions = new FlowVersionService(prisma, flows);
    const transfer = new FlowTransferService(prisma, flows);
    const executions = new ExecutionService(prisma, database.pool, launcher, runtime.box, bus, runtime.outcomes, (workspaceId, definition) => flows.assertRunnable(workspaceId, definition, problem("doing.run")));
    const fire = (flowId: string, tickAt: Date) => fireTick(executions, logger, flowId, tickAt);
    const scheduler = toQueue
      ? await (await import("./schedules/queue-scheduler.js")).startQueueScheduler({ prisma, connection: redisOptions(config.REDIS_URL!), redis: runtime.redis!, prefix: config.FLUXO_REDIS_PREFIX, fire, logger })
      : await LocalScheduler.start(prisma, fire, logger);
    cleanup.unshift(() => scheduler.close());
    const schedules = new ScheduleService(prisma, flows, scheduler);
    const auth = new AuthService(prisma, database.pool, config.FLUXO_AUTH_CACHE_MS, (revocation) => bus.revoke(revocation));
    const loginThrottle = new LoginThrottle(queued ? await redisAttemptWindows(config, logger, cleanup) : new MemoryAttemptWindows());

    let recovered: RunningServer["recovered"];
    if (toQueue) {
      const requeue = startQueueRequeue({ pool: database.pool, launcher: toQueue, redis: runtime.redis!, logger }, config.FLUXO_QUEUE_REQUEUE_MS);
      cleanup.unshift(() => requeue.stop());
      recovered = { interrupted: [], queued: [], requeued: await requeue.pass() };
    } else {
      recovered = { ...(await recoverInterrupted(prisma)), requeued: 0 };
      for (const id of recovered.queued) await launcher.launch(id);
    }
    if (recovered.interrupted.length > 0) logger.warn({ executions: recovered.interrupted }, "executions left running by a previous process were marked interrupted");

    const pruning = startExecutionPruning(database.pool, logger, config.FLUXO_PRUNE_INTERVAL_MS);
    cleanup.unshift(() => pruning.stop());
    const retention = new ExecutionRetentionSettings(database.pool);
    const connect = new ConnectFlow(prisma, runtime.box, runtime.http, new AuthorizationServers(runtime.http), connections, runtime.grants);
    const keepConnected = startKeepConnected(runtime.grants, logger, config.FLUXO_BTG_KEEP_CONNECTED_CHECK_MS);
    cleanup.unshift(async () => keepConnected.stop());

    const health = healthCheck({ pool: database.pool, redis: runtime.redis, facts: { database: database.kind, mode: config.FLUXO_MODE, sandboxUrl: sandbox?.url ?? null } });
    const webDist = config.FLUXO_WEB_DIST ?? (existsSync(defaultWebDist) ? defaultWebDist : null);
    const app = createApp(
      { auth, loginThrottle, connections, flows, versions, transfer, executions, schedules, debugRuns: new DebugRuns(database.pool, runtime.box, executions, flows, bus, config.FLUXO_GATEWAY_SYNC_TIMEOUT_MS), idempotentRuns: new IdempotentRuns(database.pool), retention, bus, health, sandboxUrl: sandbox?.url ?? null, syncTimeoutMs: config.FLUXO_GATEWAY_SYNC_TIMEOUT_MS, oauth: { connect, publicUrl: config.FLUXO_PUBLIC_URL ?? null, logger } },
      { logger, bodyLimit: config.FLUXO_BODY_LIMIT, webDist, corsOrigins: config.corsOrigins, gateway: gatewayOptions(config) },
    );

    const server: Server = await new Promise((resolve, reject) => {
      const s = createAppServer(app).listen(config.PORT, config.HOST, () => resolve(s));
      s.once("error", reject);
    });
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
    return {
      url: `http://${host}:${port}`,
      database,
      encryptionKey: runtime.encryptionKey,
      sandbox,
      logger,
      runner,
      auth,
      recovered,
      keepConnected,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await runner.drain(10_000);
        server.closeAllConnections();
        for (const step of cleanup) await step();
      },
    };
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}

/**
 * Queue mode counts sign-in attempts in Redis, so the limit holds however many API processes
 * there are. Its own connection fails fast while Redis is away (no offline queue): a sign-in
 * then answers 503 rather than waiting, or passing unchecked.
 */
async function redisAttemptWindows(config: Config, logger: Logger, cleanup: (() => Promise<void>)[]): Promise<AttemptWindows> {
  const [{ connectRedis }, { RedisAttemptWindows }] = await Promise.all([import("./redis/redis-connection.js"), import("./redis/redis-attempt-windows.js")]);
  const redis = connectRedis(config.REDIS_URL!, "fluxo-api-login", logger, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  cleanup.unshift(async () => void (await redis.quit().catch(() => undefined)));
  await redis.connect();
  return new RedisAttemptWindows(redis, config.FLUXO_REDIS_PREFIX);
}
