import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { Connection, Execution, Flow, Problem } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, createTestDatabase, setupOwner, type TestDatabase } from "./harness.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * The gateway's …/sync in queue mode: the API process only enqueues, a worker process runs the
 * execution, and the API learns it finished through Redis — the answer is still the step's result.
 */
describe("gateway …/sync in queue mode (a worker process, the machine's Redis)", () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let api: RunningServer;
  let redis: Redis;
  let worker: WorkerProcess | undefined;
  let auth: Record<string, string>;
  let key: string;
  const prefix = `fluxo-test-gw-${process.pid}-${randomBytes(3).toString("hex")}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${api.url}${path}`, { method, headers: body ? { ...auth, "content-type": "application/json" } : auth, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as T };
  };

  /** A flow with one BTG-ID step on `connection`, published under `slug`. */
  async function publishedFlow(slug: string, connectionId: string): Promise<Flow> {
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    const flow = await call<Flow>("POST", "/api/flows", { name: slug, slug, definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } });
    expect(flow.status).toBe(201);
    expect((await call("POST", `/api/flows/${flow.body.id}/publish`, { note: "fila" })).status).toBe(201);
    return flow.body;
  }

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    sandbox = await startSandbox();
    redis = new Redis(REDIS_URL);
    const env = { ...db.env, REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false" };
    api = await startServer(loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test", FLUXO_GATEWAY_SYNC_TIMEOUT_MS: "20000" }), createLogger("silent"));
    auth = await setupOwner(api.url);
    key = (await call<{ key: string }>("POST", "/api/api-keys", { name: "fila" })).body.key;
    const good = await call<Connection>("POST", "/api/connections", { connector: "btg-id", name: "BTG", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: sandbox.url } });
    const wrong = await call<Connection>("POST", "/api/connections", { connector: "btg-id", name: "BTG errado", values: { clientId: "demo-client", clientSecret: "wrong-secret", environmentUrl: sandbox.url } });
    await publishedFlow("token-na-fila", good.body.id);
    await publishedFlow("falha-na-fila", wrong.body.id);
    worker = await startWorkerProcess(env);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await sandbox?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await db?.drop();
  }, 60_000);

  it("answers 200 with BTG's token response, run by the worker", async () => {
    const res = await fetch(`${api.url}/gateway/flows/token-na-fila/sync`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; authorization_details: unknown[] };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.access_token.split(".")).toHaveLength(3);
    expect(body.authorization_details).toEqual(AUTHORIZATION_DETAILS);
    const executionId = res.headers.get("x-fluxo-execution-id")!;
    const execution = await call<Execution>("GET", `/api/executions/${executionId}`);
    expect(execution.body).toMatchObject({ status: "succeeded", triggerSource: "gateway", draft: false, flowVersion: 1 });
    expect(worker!.output()).not.toContain("demo-secret");
  });

  it("answers 502 naming the step and BTG's error when the step fails", async () => {
    const res = await fetch(`${api.url}/gateway/flows/falha-na-fila/sync?key=${key}`);
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status: 502, stepId: "credentials", failedStepId: "credentials", error: { kind: "http_error", status: 401, code: "invalid_client" } });
    expect(problem.executionId).toBe(res.headers.get("x-fluxo-execution-id"));
    expect(JSON.stringify(problem)).not.toContain("wrong-secret");
  });
});
