import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow, Problem } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from "./harness.js";

describe("Idempotency-Key on run requests", () => {
  let db: TestDatabase;
  let app: TestApp;
  /** A second API process on the same database. */
  let other: RunningServer;
  let flow: Flow;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    app = await startTestApp("postgres", db);
    const connection = await app.createConnection();
    flow = await app.createFlow(connection.id);
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "v1" })).status).toBe(201);
    key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "retries" })).body.key;
    otherKey = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "another client" })).body.key;
    const config = loadConfig({ ...db.env, FLUXO_ENCRYPTION_KEY: app.encryptionKey, PORT: "0", HOST: "127.0.0.1", FLUXO_SANDBOX: "false", NODE_ENV: "test" } as NodeJS.ProcessEnv);
    other = await startServer(config, createLogger("silent"));
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await app?.close();
    await db?.drop();
  });

  const executions = async () => Number((await app.server.database.pool.query(`SELECT count(*) FROM "Execution" WHERE "flowId" = $1`, [flow.id])).rows[0].count);
  const post = (url: string, path: string, idempotencyKey: string | null, body: unknown, apiKey = key) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...(idempotencyKey === null ? {} : { "idempotency-key": idempotencyKey }) },
      body: JSON.stringify(body),
    });
  const run = (idempotencyKey: string | null, body: unknown = { input: { body: { n: 1 } } }, apiKey = key, url = app.url) => post(url, `/api/flows/${flow.id}/executions`, idempotencyKey, body, apiKey);

  it("answers a retry with the first execution, and starts nothing new", async () => {
    const before = await executions();
    const idem = randomUUID();
    const first = await run(idem);
    expect(first.status).toBe(202);
    const { executionId } = (await first.json()) as { executionId: string };
    const again = await run(idem);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(await again.json()).toEqual({ executionId });
    expect(await executions()).toBe(before + 1);
    await app.waitForExecution(executionId);
  });

  it("refuses the same key with another body (422 naming the header), and starts nothing", async () => {
    const idem = randomUUID();
    expect((await run(idem)).status).toBe(202);
    const before = await executions();
    const other = await run(idem, { input: { body: { n: 2 } } });
    expect(other.status).toBe(422);
    const problem = (await other.json()) as Problem;
    expect(problem.detail).toContain("outra requisição");
    expect(problem.errors).toEqual([{ path: "headers.Idempotency-Key", message: expect.any(String) }]);
    // …and on another route (the sync one) it is another request too.
    expect((await post(app.url, `/api/flows/${flow.id}/executions/sync`, idem, { input: { body: { n: 1 } } })).status).toBe(422);
    expect(await executions()).toBe(before);
  });

  it("keeps each caller's keys apart, and starts again once the key is older than 24 h", async () => {
    const idem = randomUUID();
    const mine = (await (await run(idem)).json()) as { executionId: string };
    const theirs = (await (await run(idem, undefined, otherKey)).json()) as { executionId: string };
    expect(theirs.executionId).not.toBe(mine.executionId);
    await app.server.database.pool.query(`UPDATE "IdempotencyKey" SET "createdAt" = "createdAt" - interval '25 hours' WHERE key = $1`, [idem]);
    const later = (await (await run(idem)).json()) as { executionId: string };
    expect(later.executionId).not.toBe(mine.executionId);
  });

  it("makes one execution of parallel requests with one key, in one process and across two", async () => {
    const before = await executions();
    const idem = randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => run(idem, undefined, key, i % 2 === 0 ? app.url : other.url)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(202));
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { executionId: string }).executionId)));
    expect(ids.size).toBe(1);
    expect(await executions()).toBe(before + 1);
  });

  it("answers a retried …/sync with the first execution's result", async () => {
    const idem = randomUUID();
    const first = await post(app.url, `/api/flows/${flow.id}/executions/sync`, idem, {});
    expect(first.status).toBe(200);
    const ended = await first.json();
    const before = await executions();
    const again = await post(other.url, `/api/flows/${flow.id}/executions/sync`, idem, {});
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(ended);
    expect(await executions()).toBe(before);
  });

  it("does the same on the gateway: one execution per key, the sync answer repeated", async () => {
    const gateway = (path: string, idem: string, body: string) =>
      fetch(`${app.url}/gateway/flows/${flow.slug}${path}?key=${key}&a=1`, { method: "POST", headers: { "idempotency-key": idem, "content-type": "text/plain" }, body });
    const idem = randomUUID();
    const first = (await (await gateway("", idem, "hello")).json()) as { executionId: string };
    const again = await gateway("", idem, "hello");
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(first);
    expect((await gateway("", idem, "hello, changed")).status).toBe(422);

    const syncKey = randomUUID();
    const sync = await gateway("/sync", syncKey, "hello");
    expect(sync.status).toBe(200);
    const token = (await sync.json()) as { access_token: string };
    const before = await executions();
    const syncAgain = await gateway("/sync", syncKey, "hello");
    expect(syncAgain.status).toBe(200);
    expect(syncAgain.headers.get("x-fluxo-execution-id")).toBe(sync.headers.get("x-fluxo-execution-id"));
    expect(((await syncAgain.json()) as { access_token: string }).access_token).toBe(token.access_token);
    expect(await executions()).toBe(before);
  });

  it("refuses a malformed key with 422 naming the header", async () => {
    for (const bad of ["", "with space", "x".repeat(256), "acentuação"]) {
      const res = await run(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(((await res.json()) as Problem).errors?.[0]?.path).toBe("headers.Idempotency-Key");
    }
  });

  it("documents the header on the three run routes", async () => {
    const doc = (await app.api<{ paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>> }>("GET", "/api/openapi.json")).body;
    for (const [path, method] of [["/api/flows/{id}/executions", "post"], ["/api/flows/{id}/executions/sync", "post"], ["/gateway/flows/{slug}", "post"], ["/gateway/flows/{slug}/sync", "post"]] as const) {
      expect(doc.paths[path]![method]!.parameters, path).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
    }
  });
});
