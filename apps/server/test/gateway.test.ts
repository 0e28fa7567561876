import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionEnded, ExecutionSummary, Flow, Page, Problem } from "@fluxo/contracts";
import { AUTHORIZATION_DETAILS, startTestApp, type TestApp } from "./harness.js";

const SYNC_TIMEOUT_MS = 4000;
const RATE_LIMIT = 5;

describe("gateway: published flows called with an API key", () => {
  let app: TestApp;
  let flow: Flow;
  beforeAll(async () => {
    app = await startTestApp("postgres", undefined, {
      env: { FLUXO_GATEWAY_SYNC_TIMEOUT_MS: String(SYNC_TIMEOUT_MS), FLUXO_GATEWAY_RATE_LIMIT: String(RATE_LIMIT), FLUXO_GATEWAY_BODY_LIMIT: "2048" },
    });
    const connection = await app.createConnection();
    flow = await app.createFlow(connection.id, { grantType: "client_credentials", authorizationDetails: [{ ...AUTHORIZATION_DETAILS[0], resource: "{{ .input.body.account }}" }] });
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "gateway" })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  /** A fresh key per test, so the per-key rate limit of one test doesn't reach another. */
  async function apiKey(): Promise<string> {
    return (await app.api<{ key: string }>("POST", "/api/api-keys", { name: `gateway ${Math.random()}` })).body.key;
  }

  function call(path: string, init: { method?: string; key?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const headers = { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...init.headers };
    return fetch(`${app.url}/gateway/flows/${path}`, { method: init.method ?? "POST", headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  }

  it("starts the published version with the request as input (202), recorded as a gateway run", async () => {
    const key = await apiKey();
    // ?key= for callers that can't set headers; it doesn't reach the flow's input.
    const res = await call(`${flow.slug}?key=${key}&tenant=acme`, { headers: { "content-type": "application/x-www-form-urlencoded", "X-Tenant": "acme", cookie: "a=b" }, body: "account=accounts%2F9" });
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const execution = await app.waitForExecution(executionId);
    expect(execution).toMatchObject({ status: "succeeded", triggerSource: "gateway", draft: false, flowVersion: 1 });
    expect(execution.input.body).toEqual({ account: "accounts/9" });
    expect(execution.input.query_params).toEqual({ tenant: "acme" });
    expect(execution.input.headers["x-tenant"]).toBe("acme");
    expect(execution.input.headers).not.toHaveProperty("cookie");
    expect(JSON.stringify(execution.input)).not.toContain(key);
    const history = await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions`);
    expect(history.body.items.find((e) => e.id === executionId)).toMatchObject({ triggerSource: "gateway", draft: false });
  });

  it("stores a JSON body from the text it came as, not parsed and serialised again: numbers keep every digit, in a batch of calls", async () => {
    const key = await apiKey();
    // 2^64 + 1 and 0.1 + 0.2 as sent: a JavaScript number would read them back as 18446744073709552000 and 0.30000000000000004.
    const texts = [0, 1, 2].map((i) => `{ "account": "accounts/${i}", "big": 18446744073709551617, "sum": 0.3, "list": [1.0, 2.50] }`);
    const ids = await Promise.all(
      texts.map(async (body) => {
        const res = await call(flow.slug!, { key, headers: { "content-type": "application/json" }, body });
        expect(res.status).toBe(202);
        return ((await res.json()) as { executionId: string }).executionId;
      }),
    );
    const { rows } = await app.server.database.pool.query<{ id: string; body: string }>(`SELECT id, (input->'body')::text AS body FROM "Execution" WHERE id = ANY($1::uuid[])`, [ids]);
    expect(ids.map((id) => rows.find((r) => r.id === id)?.body)).toEqual([0, 1, 2].map((i) => `{"big": 18446744073709551617, "sum": 0.3, "list": [1.0, 2.50], "account": "accounts/${i}"}`));
    for (const id of ids) expect((await app.waitForExecution(id)).status).toBe("succeeded");
  });

  it("…/sync answers the last step's body and code: BTG's whole token response", async () => {
    const res = await call(`${flow.slug}/sync`, { key: await apiKey(), headers: { "content-type": "application/json" }, body: JSON.stringify({ account: "accounts/77" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-fluxo-execution-id")).toMatch(/^[0-9a-f-]{36}$/);
    // A data API's security headers (OWASP's REST set), not the web app's document headers.
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(res.headers.get("cross-origin-opener-policy")).toBeNull();
    expect(res.headers.get("x-powered-by")).toBeNull();
    const body = (await res.json()) as { access_token: string; token_type: string; authorization_details: { resource: string }[] };
    expect(body.token_type).toBe("Bearer");
    // A usable token: header, claims and signature.
    expect(body.access_token.split(".").map((part) => part.length > 0)).toEqual([true, true, true]);
    expect(body.authorization_details[0]!.resource).toBe("accounts/77");
  });

  it("…/sync answers the token it just obtained as reading it back (sealed) answers: a retry with the same Idempotency-Key", async () => {
    const key = await apiKey();
    const init = { key, headers: { "content-type": "application/json", "idempotency-key": `token-${Math.random()}` }, body: JSON.stringify({ account: "accounts/78" }) };
    const first = await call(`${flow.slug}/sync`, init);
    const readBack = await call(`${flow.slug}/sync`, init);
    expect(readBack.headers.get("idempotency-replayed")).toBe("true");
    expect(first.status).toBe(200);
    expect(readBack.status).toBe(200);
    const answer = (await first.json()) as { access_token: string };
    expect(answer.access_token.split(".")).toHaveLength(3);
    expect(await readBack.json()).toEqual(answer);
  });

  it("…/sync answers 502 naming the step and BTG's error when the step fails", async () => {
    const wrong = await app.createConnection({ name: "wrong secret", clientSecret: "wrong-secret" });
    const failing = await app.createFlow(wrong.id);
    await app.api("PUT", `/api/flows/${failing.id}`, { slug: "falha" });
    await app.api("POST", `/api/flows/${failing.id}/publish`, {});
    const res = await call("falha/sync?return_step=credentials", { key: await apiKey() });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ stepId: "credentials", error: { kind: "http_error", status: 401, code: "invalid_client" } });
    expect(problem.detail).toContain('O passo "credentials" falhou');
    expect(JSON.stringify(problem)).not.toContain("wrong-secret");
  });

  it("…/sync answers 504 with the execution id when the flow outlasts the limit", async () => {
    app.sandbox.setLatency(SYNC_TIMEOUT_MS + 4000);
    try {
      // An account no earlier test asked for, so no still-valid token is reused.
      const res = await call(`${flow.slug}/sync`, { key: await apiKey(), headers: { "content-type": "application/json" }, body: '{"account":"accounts/slow"}' });
      expect(res.status).toBe(504);
      const problem = (await res.json()) as Problem & { executionId: string };
      expect(problem.detail).toContain(problem.executionId);
      expect((await app.api("GET", `/api/executions/${problem.executionId}`)).status).toBe(200);
    } finally {
      app.sandbox.setLatency(0);
    }
  });

  it("runs the latest published version under the current slug, also when another process published or renamed it", async () => {
    const connection = await app.createConnection();
    const own = await app.createFlow(connection.id);
    expect((await app.api("POST", `/api/flows/${own.id}/publish`, { note: "v1" })).status).toBe(201);
    // A fresh key per call: this file's rate limit is 5 calls a minute per key.
    const run = async (slug: string) => {
      const res = await call(slug, { key: await apiKey() });
      return res.status === 202 ? app.waitForExecution(((await res.json()) as { executionId: string }).executionId) : res.status;
    };
    expect(await run(own.slug)).toMatchObject({ flowVersion: 1 });

    expect((await call(`${own.slug}/sync?return_step=again`, { key: await apiKey() })).status).toBe(422);

    // Version 2 has a second step; published by another process: rows written straight to the database, so this process was not told.
    const [first] = own.definition.steps;
    const again = { ...first!, id: "again", parameters: { ...first!.parameters, authorizationDetails: [{ type: "payments" }] }, position: { x: 600, y: 120 } };
    const draft = { steps: [first!, again], edges: [...own.definition.edges, { source: first!.id, target: "again" }] };
    expect((await app.api("PUT", `/api/flows/${own.id}`, { definition: draft, version: own.version })).status).toBe(200);
    await app.server.database.prisma.flowVersion.create({ data: { flowId: own.id, number: 2, definition: JSON.parse(JSON.stringify(draft)), draftVersion: own.version + 1, publishedByName: "outra instância" } });
    // A step only the new version has is found (the remembered version 1 doesn't have it).
    const bySync = await call(`${own.slug}/sync?return_step=again`, { key: await apiKey() });
    expect(bySync.status).toBe(200);
    expect(((await bySync.json()) as { authorization_details: { type: string }[] }).authorization_details).toEqual([{ type: "payments" }]);
    const second = await run(own.slug);
    expect(second).toMatchObject({ flowVersion: 2, definition: draft });

    await app.server.database.prisma.flow.update({ where: { id: own.id }, data: { slug: `${own.slug}-novo` } });
    expect(await run(own.slug)).toBe(404);
    expect(await run(`${own.slug}-novo`)).toMatchObject({ flowVersion: 2 });
  });

  it("answers 409 for a flow never published, 404 for an unknown slug, 422 for an unknown return_step", async () => {
    const key = await apiKey();
    const draftOnly = await app.api<Flow>("POST", "/api/flows", { name: "Só rascunho" });
    const unpublished = await call(draftOnly.body.slug, { key });
    expect(unpublished.status).toBe(409);
    expect(((await unpublished.json()) as Problem).detail).toContain("Publicar");
    expect((await call("nao-existe", { key })).status).toBe(404);
    expect((await call(`${flow.slug}/sync?return_step=nope`, { key })).status).toBe(422);
  });

  it("answers 401 without a key or with one that doesn't open, and never takes a session", async () => {
    const refused = await call(flow.slug);
    expect(refused.status).toBe(401);
    // Refusals (the problem handler's answers) carry the gateway's headers too.
    expect(refused.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await call(flow.slug, { key: "fluxo_not-a-key" })).status).toBe(401);
    expect((await call(`${flow.slug}?key=nope`)).status).toBe(401);
    expect((await call(flow.slug, { headers: app.auth })).status).toBe(401);
  });

  it("answers 413 beyond FLUXO_GATEWAY_BODY_LIMIT", async () => {
    const res = await call(flow.slug, { key: await apiKey(), headers: { "content-type": "text/plain" }, body: "x".repeat(4096) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).detail).toContain("FLUXO_GATEWAY_BODY_LIMIT");
  });

  it("answers 429 with Retry-After once a key passes its calls per minute", async () => {
    const key = await apiKey();
    const draftOnly = await app.api<Flow>("POST", "/api/flows", { name: "Limite" });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) statuses.push((await call(draftOnly.body.slug, { key })).status);
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT).fill(409), 429]);
    const limited = await call(draftOnly.body.slug, { key });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await call(draftOnly.body.slug, { key: await apiKey() })).status).toBe(409);
  });

  describe("POST /api/flows/:id/executions/sync (the API's run that waits for its end)", () => {
    it("answers how the execution ended, recorded as the caller's run (editor for a person, api for a key)", async () => {
      const res = await app.api<ExecutionEnded>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: { account: "accounts/sync" } } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "succeeded", error: null });
      expect(res.body.durationMs).toBeGreaterThanOrEqual(0);
      const execution = await app.waitForExecution(res.body.executionId);
      expect(execution).toMatchObject({ status: "succeeded", triggerSource: "editor" });
      expect(execution.steps[0]).toMatchObject({ stepId: "credentials", status: "succeeded" });

      const byKey = await app.api<ExecutionEnded>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: { account: "accounts/sync" } } }, { authorization: `Bearer ${await apiKey()}` });
      expect(byKey.body.status).toBe("succeeded");
      expect((await app.waitForExecution(byKey.body.executionId)).triggerSource).toBe("api");
    });

    it("answers a failed run with 200, its status and the failed step's error", async () => {
      const wrong = await app.createConnection({ name: "wrong secret (api sync)", clientSecret: "wrong-secret" });
      const failing = await app.createFlow(wrong.id);
      const res = await app.api<ExecutionEnded>("POST", `/api/flows/${failing.id}/executions/sync`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "failed", error: { kind: "http_error", status: 401, code: "invalid_client" } });
      expect(res.body.error!.message).toContain('passo "credentials"');
      expect(JSON.stringify(res.body)).not.toContain("wrong-secret");
    });

    it("answers 504 with the execution id past FLUXO_GATEWAY_SYNC_TIMEOUT_MS; the execution goes on to its end", async () => {
      app.sandbox.setLatency(SYNC_TIMEOUT_MS + 1000);
      try {
        const res = await app.api<Problem & { executionId: string }>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: { account: "accounts/slow-api" } } });
        expect(res.status).toBe(504);
        expect(res.body.detail).toContain(res.body.executionId);
        expect((await app.waitForExecution(res.body.executionId)).status).toBe("succeeded");
      } finally {
        app.sandbox.setLatency(0);
      }
    }, 20_000);

    it("answers 404 for an unknown flow", async () => {
      const res = await app.api<Problem>("POST", "/api/flows/00000000-0000-4000-8000-000000000000/executions/sync");
      expect(res.status).toBe(404);
    });
  });
});
