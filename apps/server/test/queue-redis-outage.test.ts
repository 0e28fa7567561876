import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { Connection, Flow } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { freePort } from "../src/db/embedded-postgres.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, createTestDatabase, setupOwner, type TestDatabase } from "./harness.js";
import { redisServerBinary, startRedisServer, type RedisServer } from "./redis-server.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const RUNS = 50;

/**
 * Queue mode when Redis goes away: a private redis-server without persistence, killed and
 * restarted empty under a running API and worker (neither restarts), as a crash or failover does.
 */
describe("queue mode survives Redis losing its data", () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let redis: RedisServer;
  let api: RunningServer;
  let worker: WorkerProcess;
  let flowId: string;
  let auth: Record<string, string>;
  const binary = redisServerBinary();

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${api.url}${path}`, { method, headers: { ...auth, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const statuses = async (ids: string[]) => (await api.database.pool.query<{ status: string }>(`SELECT status FROM "Execution" WHERE id = ANY($1::uuid[])`, [ids])).rows.map((r) => r.status);
  const until = async (what: string, done: () => Promise<boolean>) => {
    // Bounded by the test's own timeout; no assertion depends on how long it took.
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 200));
    return what;
  };

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    sandbox = await startSandbox();
    redis = await startRedisServer(binary, await freePort());
    const env = { ...db.env, REDIS_URL: redis.url, FLUXO_REDIS_PREFIX: `fluxo-outage-${randomBytes(3).toString("hex")}`, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false", FLUXO_QUEUE_REQUEUE_MS: "1000" };
    api = await startServer(loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" }), createLogger("silent"));
    auth = await setupOwner(api.url);
    const connection = (await (await call("POST", "/api/connections", { connector: "btg-id", name: "BTG", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: sandbox.url } })).json()) as Connection;
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS, reuseToken: false } }];
    flowId = ((await (await call("POST", "/api/flows", { name: "fila sem Redis", definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } })).json()) as Flow).id;
    // Published and scheduled (yearly, so it never ticks here): its schedule is changed while Redis is down.
    expect((await call("POST", `/api/flows/${flowId}/publish`, {})).status).toBe(201);
    expect((await call("PUT", `/api/flows/${flowId}/schedule`, { cron: "0 0 1 1 *", timezone: "UTC" })).status).toBe(200);
    // One run at a time, each waiting on the sandbox: most of the 50 are still queued when Redis dies.
    worker = await startWorkerProcess({ ...env, FLUXO_WORKER_CONCURRENCY: "1" });
  }, 120_000);

  afterAll(async () => {
    sandbox?.setLatency(0);
    await worker?.stop();
    await api?.close();
    await redis?.stop();
    await sandbox?.close();
    await db?.drop();
  }, 60_000);

  it("50 accepted runs all finish after a restart without persistence; meanwhile runs and schedule changes answer 503 and health names Redis", async () => {
    sandbox.setLatency(150);
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const res = await call("POST", `/api/flows/${flowId}/executions`, { input: { body: { i } } });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { executionId: string }).executionId);
    }
    const before = await statuses(ids);
    expect(before.filter((s) => s === "queued").length).toBeGreaterThan(RUNS / 2);

    await redis.stop("SIGKILL");

    // A run request answers at once (the fetch gives up after 10 s), and nothing is stored for it.
    const refused = await call("POST", `/api/flows/${flowId}/executions`, { input: { body: { refused: true } } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    const problem = (await refused.json()) as { detail: string; dependency: string };
    expect(problem.dependency).toBe("redis");
    expect(problem.detail).toContain("Redis");
    const stored = await api.database.pool.query(`SELECT count(*)::int AS n FROM "Execution" WHERE input->'body' ? 'refused'`);
    expect(stored.rows[0].n).toBe(0);

    // A schedule change answers the same 503 as a run request, and PostgreSQL keeps the schedule as it was.
    for (const [method, body] of [["PUT", { cron: "0 0 2 1 *", timezone: "UTC" }], ["DELETE", undefined]] as const) {
      const schedule = await call(method, `/api/flows/${flowId}/schedule`, body);
      expect([method, schedule.status, schedule.headers.get("retry-after")]).toEqual([method, 503, "5"]);
      expect(((await schedule.json()) as { dependency: string }).dependency).toBe("redis");
    }
    const kept = await api.database.pool.query(`SELECT cron FROM "FlowSchedule" WHERE "flowId" = $1`, [flowId]);
    expect(kept.rows).toEqual([{ cron: "0 0 1 1 *" }]);

    const down = await fetch(`${api.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    const downProblem = (await down.json()) as { dependencies: unknown; detail: string };
    expect(downProblem.dependencies).toEqual({ database: "up", redis: "down" });
    expect(downProblem.detail).toBe("O Redis (REDIS_URL) não responde; as execuções voltam a ser aceitas quando ele voltar");
    const downInEnglish = await fetch(`${api.url}/api/health`, { headers: { "accept-language": "en" }, signal: AbortSignal.timeout(10_000) });
    expect(((await downInEnglish.json()) as { detail: string }).detail).toBe("Redis (REDIS_URL) isn't answering; executions are accepted again when it is back");

    // Back on the same port, empty: the jobs of the queued runs are gone.
    redis = await startRedisServer(binary, redis.port);
    sandbox.setLatency(0);
    await until("health says up", async () => (await fetch(`${api.url}/api/health`)).status === 200);
    const up = (await (await fetch(`${api.url}/api/health`)).json()) as Record<string, unknown>;
    expect(up).toMatchObject({ status: "ok", mode: "queue" });

    await until("every accepted run finished", async () => (await statuses(ids)).every((s) => s !== "queued" && s !== "running"));
    const outcomes = await api.database.pool.query<{ status: string; error: { message: string } | null }>(`SELECT status, error FROM "Execution" WHERE id = ANY($1::uuid[])`, [ids]);
    expect(outcomes.rows.map((r) => [r.status, r.error?.message ?? null])).toEqual(Array(RUNS).fill(["succeeded", null]));

    // And new runs go through as before.
    const again = await call("POST", `/api/flows/${flowId}/executions/sync`, {});
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe("succeeded");
  }, 120_000);
});
