import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAuthorization, startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { Connection, Execution, Flow } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { createTestDatabase, readEventStream, setupOwner, type TestDatabase } from "./harness.js";
import { BALANCE_PATH, SCOPES } from "./oauth-consent.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Done-when of #24: tokens renew by themselves, once, across an API and two worker processes. */
describe("Authorization Code refreshes in queue mode (an API, two worker processes, PostgreSQL, Redis, real sandbox)", () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let api: RunningServer;
  let redis: Redis;
  let auth: Record<string, string>;
  const workers: WorkerProcess[] = [];
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${api.url}${path}`, { method, headers: body ? { ...auth, "content-type": "application/json" } : auth, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as T;
  };
  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => api.database.pool.query<T>(text, params).then((r) => r.rows);

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    sandbox = await startSandbox({ strictGrants: true });
    redis = new Redis(REDIS_URL);
    const env = { ...db.env, REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false", FLUXO_BTG_REFRESH_PER_HOUR: "10" };
    api = await startServer(loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test" }), createLogger("silent"));
    auth = await setupOwner(api.url);
    workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await sandbox?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
  }, 60_000);

  it("20 executions on two workers with the token about to expire: one refresh, every balance read (strict sandbox)", async () => {
    const connection = await call<Connection>("POST", "/api/connections", {
      connector: "btg-id",
      name: "BTG conta",
      values: { authentication: "authorization_code", clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: sandbox.url, scopes: SCOPES },
    });
    const { authorizationUrl } = await call<{ authorizationUrl: string }>("POST", `/api/connections/${connection.id}/oauth/authorize`);
    const callback = await completeAuthorization(authorizationUrl);
    const back = await fetch(`${api.url}${callback.pathname}${callback.search}`, { redirect: "manual", headers: auth });
    expect(back.headers.get("location")).toBe(`/conexoes?conexao=${connection.id}&oauth=conectado`);

    const steps = [{ id: "saldo", connector: "btg-id", operation: "call-api", connectionId: connection.id, parameters: { method: "GET", path: BALANCE_PATH } }];
    const flow = await call<Flow>("POST", "/api/flows", { name: "saldo", definition: { steps, edges: [{ source: "trigger", target: "saldo" }] } });
    await sql(`UPDATE "OAuthGrant" SET "accessExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE "connectionId" = $1`, [connection.id]);

    const ids = await Promise.all(Array.from({ length: 20 }, async () => (await call<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).executionId));
    const executions = await Promise.all(
      ids.map(async (id) => {
        await readEventStream(`${api.url}/api/executions/${id}/events`, undefined, auth);
        return call<Execution>("GET", `/api/executions/${id}`);
      }),
    );
    expect(executions.map((e) => e.status)).toEqual(Array(20).fill("succeeded"));
    expect(executions.every((e) => (e.steps[0]!.output?.body as { accountId?: string }).accountId === "001")).toBe(true);
    const [{ n }] = (await sql<{ n: string }>(`SELECT count(*) AS n FROM "OAuthRefresh" WHERE "connectionId" = $1`, [connection.id])) as [{ n: string }];
    expect(Number(n)).toBe(1);
  }, 120_000);
});
