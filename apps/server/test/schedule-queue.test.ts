import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { Connection, Flow } from "@fluxo/contracts";
import { loadConfig, type Config } from "../src/config.js";
import { REDACTED_LOG_PATHS } from "../src/logger.js";
import { SCHEDULE_QUEUE } from "../src/schedules/queue-scheduler.js";
import { startServer, type RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, createTestDatabase, setupOwner, type TestDatabase } from "./harness.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Queue mode: two API processes' schedulers (in this process, as the other queue tests run their
 * APIs) and two worker processes on one Redis, a flow scheduled every second.
 */
describe("the Agendador in queue mode (BullMQ job schedulers)", () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let redis: Redis;
  let config: Config;
  const apis: RunningServer[] = [];
  const workers: WorkerProcess[] = [];
  const logLines: string[] = [];
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  let auth: Record<string, string>;
  let flowId: string;

  const logger = () => pino({ level: "debug", redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" } }, new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString()), done()) }));
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${apis[0]!.url}${path}`, { method, headers: body ? { ...auth, "content-type": "application/json" } : auth, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const runs = async () =>
    (await apis[0]!.database.pool.query<{ scheduledFor: Date; status: string }>(`SELECT "scheduledFor", status FROM "Execution" WHERE "flowId" = $1 AND "triggerSource" = 'schedule' ORDER BY "scheduledFor"`, [flowId])).rows;
  /** Waits until `count` more ticks than `from` were stored. */
  const ticksAfter = async (from: number, count: number) => {
    for (let i = 0; i < 240; i++) {
      const rows = await runs();
      if (rows.length >= from + count) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`fewer than ${from + count} scheduled runs were stored`);
  };
  /** Each tick once: the ticks stored are distinct, consecutive seconds (none lost, none doubled). */
  const expectEachTickOnce = (rows: { scheduledFor: Date }[]) => {
    const seconds = rows.map((r) => r.scheduledFor.getTime() / 1000);
    expect(seconds.every(Number.isInteger)).toBe(true);
    expect(seconds).toEqual(seconds.map((_, i) => seconds[0]! + i));
  };

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    sandbox = await startSandbox();
    redis = new Redis(REDIS_URL);
    const env = { ...db.env, REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false" };
    config = loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" } as NodeJS.ProcessEnv);
    for (let i = 0; i < 2; i++) apis.push(await startServer(config, logger()));
    auth = await setupOwner(apis[0]!.url);
    for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(env));
    const connection = await call<Connection>("POST", "/api/connections", { connector: "btg-id", name: "BTG", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: sandbox.url } });
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.body.id, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    flowId = (await call<Flow>("POST", "/api/flows", { name: "agendado", definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } })).body.id;
    expect((await call("POST", `/api/flows/${flowId}/publish`, {})).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    for (const api of apis) await api.close();
    await sandbox?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
  }, 60_000);

  it("with two APIs and two workers a 1-second schedule runs each tick exactly once, run by the workers", async () => {
    expect((await call("PUT", `/api/flows/${flowId}/schedule`, { cron: "* * * * * *", timezone: "UTC" })).status).toBe(200);
    const rows = await ticksAfter(0, 6);
    expectEachTickOnce(rows);
    // Redis delivered each tick to one API only: the database's (flow, tick) guard never had to step in.
    expect(logLines.filter((l) => l.includes("schedule tick already ran elsewhere"))).toEqual([]);
    // Stored as queued by an API, run by a worker.
    for (let i = 0; i < 60 && (await runs()).slice(0, 6).some((r) => r.status !== "succeeded"); i++) await new Promise((r) => setTimeout(r, 250));
    expect((await runs()).slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill("succeeded"));
    expect(workers.every((w) => !w.output().includes("Error"))).toBe(true);
  });

  it("an API restart neither doubles nor loses a tick (the other API goes on; the new one re-syncs from PostgreSQL)", async () => {
    const before = (await runs()).length;
    await apis.shift()!.close();
    apis.push(await startServer(config, logger()));
    const rows = await ticksAfter(before, 4);
    expectEachTickOnce(rows);
    expect(logLines.filter((l) => l.includes("schedule tick already ran elsewhere"))).toEqual([]);
  });

  it("re-syncs schedules to Redis on start when Redis lost them, and removes a scheduler PostgreSQL no longer has", async () => {
    const queueKeys = async () => redis.keys(`${prefix}:${SCHEDULE_QUEUE}:*`);
    await call("DELETE", `/api/flows/${flowId}/schedule`);
    expect((await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`))).toBe(0);
    // The schedule is back in PostgreSQL only (as if Redis had lost it): a starting API puts it back.
    await call("PUT", `/api/flows/${flowId}/schedule`, { cron: "* * * * * *", timezone: "UTC" });
    const keys = await queueKeys();
    if (keys.length > 0) await redis.del(...keys);
    const before = (await runs()).length;
    apis.push(await startServer(config, logger()));
    await ticksAfter(before, 2);
    expect(await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`)).toBe(1);

    // A scheduler Redis still has for a schedule PostgreSQL dropped: the next start removes it.
    await apis[0]!.database.pool.query(`DELETE FROM "FlowSchedule" WHERE "flowId" = $1`, [flowId]);
    apis.push(await startServer(config, logger()));
    expect(await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`)).toBe(0);
  });
});
