import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { startSandbox, type Sandbox, type SandboxOptions } from "@fluxo/btg-id-sandbox";
import type { Connection } from "@fluxo/contracts";
import { loadConfig, type Config } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { createTestDatabase, requestAs, setupOwner, type ApiAnswer, type TestDatabase } from "./harness.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

export const TEST_REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface QueueRigOptions {
  /** API processes, in this process (default 1). */
  apis?: number;
  /** Worker processes, real child processes (default 0: runs stay queued). */
  workers?: number;
  /** Settings every process gets. */
  env?: Record<string, string>;
  /** Settings only the APIs get, on top of `env`. */
  apiEnv?: Record<string, string>;
  /** Settings only the workers get, on top of `env`. */
  workerEnv?: Record<string, string>;
  /** Another Redis than the machine's (a private redis-server). */
  redisUrl?: string;
  /** The sandbox's options; false for none. */
  sandbox?: SandboxOptions | false;
  /** A logger per API (default silent). */
  logger?: () => Logger;
}

/**
 * Queue mode as deployed: API processes and worker processes sharing one PostgreSQL database
 * and one Redis (under a key prefix of their own), the BTG-ID sandbox beside them.
 */
export interface QueueRig {
  db: TestDatabase;
  /** The sandbox; throws when the rig was started without one. */
  sandbox: Sandbox;
  apis: RunningServer[];
  /** The first API. */
  readonly api: RunningServer;
  workers: WorkerProcess[];
  /** A client of the shared Redis, for a test to look at (or reset) what the processes keep there. */
  redis: Redis;
  /** The key prefix the processes share; close() deletes everything under it. */
  prefix: string;
  /** The settings every process was started with (database, Redis, prefix, encryption key). */
  env: Record<string, string>;
  /** The API processes' configuration, to start another one like them. */
  config: Config;
  /** The owner's session cookie, set up through the first API. */
  auth: Record<string, string>;
  /** A request to the first API as the owner (or with `headers` in place of the owner's cookie). */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  /** A BTG-ID connection to the sandbox with the demo client (Client Credentials). */
  createConnection(values?: Record<string, unknown>, name?: string): Promise<Connection>;
  startApi(logger?: Logger): Promise<RunningServer>;
  startWorkers(count: number, env?: Record<string, string>): Promise<WorkerProcess[]>;
  close(): Promise<void>;
}

export async function startQueueRig(options: QueueRigOptions = {}): Promise<QueueRig> {
  const db = await createTestDatabase("postgres");
  const sandbox = options.sandbox === false ? undefined : await startSandbox(options.sandbox);
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis = new Redis(redisUrl);
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  const env = { ...db.env, REDIS_URL: redisUrl, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false", ...options.env };
  const config = loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test", ...options.apiEnv } as NodeJS.ProcessEnv);
  const logger = options.logger ?? (() => createLogger("silent"));
  const apis: RunningServer[] = [];
  const workers: WorkerProcess[] = [];

  const rig: QueueRig = {
    db,
    get sandbox() {
      if (!sandbox) throw new Error("this queue rig was started without a sandbox");
      return sandbox;
    },
    apis,
    get api() {
      return apis[0]!;
    },
    workers,
    redis,
    prefix,
    env,
    config,
    auth: {},
    call: (method, path, body, headers = rig.auth) => requestAs(rig.api.url, headers)(method, path, body),
    async createConnection(values = {}, name = "BTG") {
      const answer = await rig.call<Connection>("POST", "/api/connections", { connector: "btg-id", name, values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: rig.sandbox.url, ...values } });
      if (answer.status !== 201) throw new Error(`creating the connection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    async startApi(apiLogger = logger()) {
      const api = await startServer(config, apiLogger);
      apis.push(api);
      return api;
    },
    async startWorkers(count, workerEnv = {}) {
      const started = await Promise.all(Array.from({ length: count }, () => startWorkerProcess({ ...env, ...options.workerEnv, ...workerEnv })));
      workers.push(...started);
      return started;
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      for (const api of apis) await api.close();
      await sandbox?.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };

  for (let i = 0; i < (options.apis ?? 1); i++) await rig.startApi();
  rig.auth = await setupOwner(rig.api.url);
  await rig.startWorkers(options.workers ?? 0);
  return rig;
}
