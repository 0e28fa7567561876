import "./zod-locale.js";
import type { Redis } from "ioredis";
import { createHttpClient, type HttpClient, type Resolver, type ResultCache } from "@fluxo/connectors";
import { MemoryResultCache } from "@fluxo/engine";
import type { Config } from "./config.js";
import { ConnectionService } from "./connections/connection-service.js";
import { ConnectionGrantService } from "./oauth/connection-grants.js";
import { openDatabase, type Database } from "./db/database.js";
import { EventBus, type ExecutionEventBus } from "./executions/event-bus.js";
import { ExecutionRunner } from "./executions/execution-runner.js";
import { SqlExecutionStore } from "./executions/sql-execution-store.js";
import { loadEncryptionKey, type LoadedKey } from "./secrets/encryption-key.js";
import { SecretBox } from "./secrets/secret-box.js";
import { tokenSealingStore } from "./secrets/step-output-tokens.js";
import { RunOutcomes } from "./executions/run-outcomes.js";
import type { Logger } from "./logger.js";

/** What both roles share: the database, the engine's collaborators and the runner. */
export interface Runtime {
  database: Database;
  encryptionKey: LoadedKey;
  box: SecretBox;
  http: HttpClient;
  bus: ExecutionEventBus;
  cache: ResultCache;
  connections: ConnectionService;
  /** The tokens of Authorization Code connections, refreshed single-flight across processes. */
  grants: ConnectionGrantService;
  runner: ExecutionRunner;
  /** The runs of the executions the runner stores whose outcome a caller asked to keep. */
  outcomes: RunOutcomes;
  /** Queue mode: the connection that publishes events, whose state tells whether Redis is reachable; null in single mode. */
  redis: Redis | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Resolves host names for outbound calls and their checks; the system's DNS unless a test injects one. */
  resolver?: Resolver;
}

/**
 * Single mode keeps events and tokens in this process; queue mode shares them through
 * Redis (an API instance subscribes to events, a worker only publishes them).
 */
export async function openRuntime(config: Config, logger: Logger, role: "api" | "worker", options: RuntimeOptions = {}): Promise<Runtime> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  const redis: Redis[] = [];
  const close = async () => {
    await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    await database.close();
  };
  try {
    const encryptionKey = await loadEncryptionKey({ envKey: config.FLUXO_ENCRYPTION_KEY, embedded: config.embedded, dataDir: config.dataDir });
    const box = new SecretBox(encryptionKey.key);
    let bus: ExecutionEventBus = new EventBus();
    let cache: ResultCache = new MemoryResultCache();
    if (config.FLUXO_MODE === "queue") {
      // Loaded only in queue mode: Redis and BullMQ weigh tens of MB that single mode doesn't need.
      const [{ connectRedis }, { RedisEventBus }, { RedisResultCache }] = await Promise.all([
        import("./redis/redis-connection.js"),
        import("./redis/redis-event-bus.js"),
        import("./cache/redis-result-cache.js"),
      ]);
      const publisher = connectRedis(config.REDIS_URL!, `fluxo-${role}`, logger);
      redis.push(publisher);
      const subscriber = role === "api" ? connectRedis(config.REDIS_URL!, "fluxo-api-events", logger) : null;
      if (subscriber) redis.push(subscriber);
      await Promise.all(redis.map((r) => r.ping()));
      bus = new RedisEventBus(config.FLUXO_REDIS_PREFIX, publisher, subscriber, logger);
      cache = new RedisResultCache(publisher, box, config.FLUXO_REDIS_PREFIX);
    }
    const outboundPolicy = options.resolver ? { ...config.outboundPolicy, resolver: options.resolver } : config.outboundPolicy;
    const http = createHttpClient({ policy: outboundPolicy, maxResponseBytes: config.FLUXO_HTTP_RESPONSE_LIMIT });
    const connections = new ConnectionService(database.prisma, http, box, outboundPolicy);
    await connections.assertKeyOpensStoredSecrets();
    const grants = new ConnectionGrantService(database.pool, box, http, connections, { refreshesPerHour: config.FLUXO_BTG_REFRESH_PER_HOUR });
    connections.useGrants(grants);
    const outcomes = new RunOutcomes();
    const runner = new ExecutionRunner({
      prisma: database.prisma,
      pool: database.pool,
      store: tokenSealingStore(new SqlExecutionStore(database.pool), box, (executionId, change) => outcomes.stored(executionId, change)),
      events: bus,
      http,
      cache,
      connections,
      grants,
      logger,
      box,
      limits: { maxLoopItems: config.FLUXO_LOOP_MAX_ITEMS, maxStepRuns: config.FLUXO_MAX_STEP_RUNS },
      // Only a queue worker can hand a waiting execution to the queue; single mode and APIs wait on timers.
      ...(config.FLUXO_MODE === "queue" && role === "worker" ? { handOffAfterMs: config.FLUXO_WAIT_HANDOFF_MS } : {}),
    });
    return { database, encryptionKey, box, http, bus, cache, connections, grants, runner, outcomes, redis: redis[0] ?? null, close };
  } catch (error) {
    await close();
    throw error;
  }
}
