import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Execution, Flow, Problem } from "@fluxo/contracts";
import { startTestApp, type TestApp } from "./harness.js";
import { accountCredentialsStep, BALANCE_PATH, SCOPES } from "./sandbox-account.js";

// A flow that uses what it obtains: BTG-ID token → Chamar API (balance) → HTTP with the token typed as a Bearer header.

describe("flows that use the token they obtain (PostgreSQL, real sandbox over HTTP)", () => {
  let app: TestApp;
  let connection: Connection;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    connection = await app.createConnection();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const balance = (connectionId: string, parameters: Record<string, unknown> = {}) => ({
    id: "balance",
    connector: "btg-id",
    operation: "call-api",
    connectionId,
    parameters: { method: "GET", path: BALANCE_PATH, scope: SCOPES, ...parameters },
    position: { x: 600, y: 120 },
  });
  const httpBalance = () => ({
    id: "http_balance",
    connector: "http",
    operation: "request",
    connectionId: null,
    parameters: {
      method: "GET",
      url: `${app.sandbox.url}/api${BALANCE_PATH}`,
      headers: [{ name: "Authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }, { name: "x-trace", value: "{{ .input.body.trace }}" }],
    },
    position: { x: 900, y: 120 },
  });

  async function saveFlow(steps: unknown[]): Promise<{ status: number; body: Flow & Problem }> {
    const ids = (steps as { id: string }[]).map((s) => s.id);
    const edges = ids.map((id, i) => ({ source: i === 0 ? "trigger" : ids[i - 1]!, target: id }));
    return app.api<Flow & Problem>("POST", "/api/flows", { name: `Saldo ${Math.random()}`, description: "", definition: { steps, edges } });
  }

  async function run(flowId: string, body: unknown = {}): Promise<Execution> {
    const started = await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, { input: { body } });
    expect(started.status).toBe(202);
    return app.waitForExecution(started.body.executionId);
  }

  it("token → Chamar API → HTTP with the token: the balance on both, the token masked everywhere", async () => {
    const saved = await saveFlow([accountCredentialsStep(connection.id), balance(connection.id), httpBalance()]);
    expect(saved.body.errors ?? []).toEqual([]);
    expect(saved.status).toBe(201);
    const execution = await run(saved.body.id, { trace: "t-1" });
    expect(execution.status).toBe("succeeded");
    const step = (id: string) => execution.steps.find((s) => s.stepId === id)!;
    expect(step("balance").output).toMatchObject({ code: 200, body: { companyId: "12345678", accountId: "001", available: 152340.75, currency: "BRL" } });
    expect(step("http_balance").output).toMatchObject({ code: 200, body: { accountId: "001", available: 152340.75 } });

    // Chamar API records its token request (or the reuse) and its API call.
    const attempt = step("balance").attempts![0]!;
    expect(attempt.http).toMatchObject({ method: "GET", url: `${app.sandbox.url}/api${BALANCE_PATH}`, status: 200, label: "API", requestHeaders: { authorization: "[redacted]" } });
    expect((attempt.exchanges ?? [attempt.http]).map((e) => e!.label)).toContain("API");

    // The typed Authorization header is kept by name, never by value.
    expect(step("http_balance").input).toMatchObject({ headers: [{ name: "Authorization", value: "[redacted]" }, { name: "x-trace", value: "t-1" }] });
    const token = (await app.api<{ access_token: string }>("GET", `/api/executions/${execution.id}/steps/credentials/token`)).body.access_token;
    expect(token.split(".")).toHaveLength(3);
    const everything = JSON.stringify((await app.api("GET", `/api/executions/${execution.id}`)).body);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.split(".")[2]); // not even the signature
  });

  it("a balance the token doesn't cover fails with the sandbox's 403 and what to do", async () => {
    const saved = await saveFlow([balance(connection.id, { path: "/12345678/banking/accounts/002/balance", scope: "", authorizationDetails: [{ type: "account", resource: "12345678/banking/accounts/001", privileges: ["read"] }] })]);
    expect(saved.status).toBe(201);
    const execution = await run(saved.body.id);
    expect(execution.status).toBe("failed");
    const failed = execution.steps[0]!;
    expect(failed.error).toMatchObject({ kind: "http_error", status: 403, code: "insufficient_scope" });
    expect(failed.error!.message).toContain("A API do BTG respondeu 403");
    expect(failed.error!.message).toContain("12345678/banking/accounts/002");
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("the gateway answers Chamar API's body with its status (return_step)", async () => {
    const saved = await saveFlow([accountCredentialsStep(connection.id), balance(connection.id)]);
    expect((await app.api("POST", `/api/flows/${saved.body.id}/publish`, { note: "saldo" })).status).toBe(201);
    const key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "saldo" })).body.key;
    const res = await fetch(`${app.url}/gateway/flows/${saved.body.slug}/sync?return_step=balance`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accountId: "001", available: 152340.75 });
  });

  it("keeps a bad URL, header name, method or path as an unfinished draft, and refuses to run or publish it, naming each field (422)", async () => {
    const bad = await saveFlow([
      { ...httpBalance(), parameters: { method: "TRACE", url: "ftp://x", headers: [{ name: "bad name", value: "1" }] } },
      { ...balance(connection.id, { path: "https://evil.example/steal" }) },
    ]);
    // A draft saves as it is; what it still gets wrong comes back in `problems`.
    expect(bad.status).toBe(201);
    const expected = ["definition.steps.0.parameters.method", "definition.steps.0.parameters.url", "definition.steps.0.parameters.headers.0.name", "definition.steps.1.parameters.path"];
    expect(bad.body.problems.map((e) => e.path)).toEqual(expect.arrayContaining(expected));
    // Nothing of it runs, through the API or a published version: the token never leaves for evil.example.
    for (const action of ["executions", "executions/sync", "publish"]) {
      const refused = await app.api<Problem>("POST", `/api/flows/${bad.body.id}/${action}`, {});
      expect(refused.status, action).toBe(422);
      expect(refused.body.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(expected));
    }
  });

  it("an HTTP connection keeps its token write-only and sealed; steps using it send it", async () => {
    const created = await app.api<Connection>("POST", "/api/connections", { connector: "http", name: "API com token", description: "", values: { authType: "bearer", token: "not-a-real-token-123" } });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain("not-a-real-token-123");
    expect(created.body.secrets).toMatchObject({ token: { set: true } });
    // Switching to Basic drops the stored token: a secret the form no longer shows isn't kept.
    const switched = await app.api<Connection>("PUT", `/api/connections/${created.body.id}`, { values: { authType: "basic", username: "ana", password: "another-secret-1" } });
    expect(switched.status).toBe(200);
    expect(switched.body.secrets).toMatchObject({ token: { set: false }, password: { set: true } });
    await app.api("PUT", `/api/connections/${created.body.id}`, { values: { authType: "bearer", token: "not-a-real-token-123" } });
    const incomplete = await app.api<Problem>("POST", "/api/connections", { connector: "http", name: "Sem token", description: "", values: { authType: "bearer" } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors!.map((e) => e.path)).toEqual(["values.token"]);

    // The sandbox refuses that token: the step fails 401 and nothing shows it.
    const saved = await saveFlow([{ ...httpBalance(), connectionId: created.body.id, parameters: { method: "GET", url: `${app.sandbox.url}/api${BALANCE_PATH}` } }]);
    expect(saved.status).toBe(201);
    const execution = await run(saved.body.id);
    expect(execution.steps[0]!.error).toMatchObject({ kind: "http_error", status: 401, code: "invalid_token" });
    expect(JSON.stringify(execution)).not.toContain("not-a-real-token-123");
  });
});
