import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { createTestDatabase, setupOwner } from "./harness.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface QueueApis {
  /** API processes in queue mode on one database and one Redis (no worker: runs stay queued). */
  apis: RunningServer[];
  /** The owner's session cookie (set up through the first API). */
  auth: Record<string, string>;
  /** The Redis key prefix these processes share, under which close() deletes everything. */
  prefix: string;
  /** A client of that Redis, for a test to look at (or reset) what the processes keep there. */
  redis: Redis;
  close(): Promise<void>;
}

/** Several API processes sharing PostgreSQL and the machine's Redis, as behind a load balancer. */
export async function startQueueApis(count = 2): Promise<QueueApis> {
  const db = await createTestDatabase("postgres");
  const redis = new Redis(REDIS_URL);
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  const config = loadConfig({ ...db.env, REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_MODE: "queue", FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" } as NodeJS.ProcessEnv);
  const apis: RunningServer[] = [];
  for (let i = 0; i < count; i++) apis.push(await startServer(config, createLogger("silent")));
  const auth = await setupOwner(apis[0]!.url);
  return {
    apis,
    auth,
    prefix,
    redis,
    async close() {
      for (const api of apis) await api.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };
}
