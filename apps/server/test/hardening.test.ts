import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, Flow, Problem } from "@fluxo/contracts";
import { OFF_THREAD_MIN_BYTES } from "../src/http/off-thread-json.js";
import { startTestApp, type TestApp } from "./harness.js";

// Inputs that once answered 500: text PostgreSQL can't store, a malformed cookie, keys named like Object.prototype members.
describe("no input answers 500", () => {
  let app: TestApp;
  let flow: Flow;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    flow = await app.createFlow(connection.id);
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "v1" })).status).toBe(201);
    key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "hardening" })).body.key;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const gateway = (path: string, init: RequestInit = {}) => fetch(`${app.url}/gateway/flows/${flow.slug}${path}`, { method: "POST", ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });

  it("refuses a NUL or half a character in a name with 422 naming the field, storing nothing", async () => {
    for (const name of ["a\u0000b", "\ud800x", "x\udc00"]) {
      const res = await app.api<Problem>("POST", "/api/flows", { name, description: "" });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "name", message: expect.stringContaining("não pode ser guardado") }]);
    }
    // #18 item 8: in the request's language, the field's words and the detail.
    const english = await app.api<Problem>("POST", "/api/flows", { name: "a\u0000b", description: "" }, { ...app.auth, "accept-language": "en" });
    expect(english.body.errors).toEqual([{ path: "name", message: "the text has the NUL character (\\u0000) at position 2, which can't be stored; remove it or send the text in valid UTF-8" }]);
    expect(english.body.detail).toBe("body.name: the text has the NUL character (\\u0000) at position 2, which can't be stored; remove it or send the text in valid UTF-8");
    const notUtf8 = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { ...app.auth, "accept-language": "en", "content-type": "application/json" }, body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(((await notUtf8.json()) as Problem).detail).toBe("The body isn't valid UTF-8; send the JSON encoded in UTF-8");
    const connection = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "ok", description: "", values: { clientId: "a\u0000", clientSecret: "s", environmentUrl: app.sandbox.url } });
    expect(connection.status).toBe(422);
    expect(connection.body.errors![0]!.path).toBe("values.clientId");
  });

  it("refuses such text in a trigger input and a gateway body, query or form, whole", async () => {
    const run = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, { input: { body: { note: "\u0000" } } });
    expect(run.status).toBe(422);
    expect(run.body.errors![0]!.path).toBe("input.body.note");
    const json = await gateway("", { headers: { "content-type": "application/json" }, body: '{"a": "\\ud83d"}' });
    expect(json.status).toBe(422);
    const query = await gateway("?q=%00", {});
    expect(query.status).toBe(422);
    expect(((await query.json()) as Problem).detail).toContain("input.query_params.q");
    const form = await gateway("", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=%00" });
    expect(form.status).toBe(422);
    const history = await app.api<{ total: number }>("GET", `/api/flows/${flow.id}/executions`);
    expect(history.body.total).toBe(0);
  });

  it("refuses a gateway body with a prototype key however it is spelled, small or big (checked in the worker thread), storing nothing", async () => {
    const before = await app.api<{ total: number }>("GET", `/api/flows/${flow.id}/executions`);
    const pad = "x".repeat(OFF_THREAD_MIN_BYTES);
    for (const key of [String.raw`\u005f_proto__`, String.raw`\u0063onstructor`, String.raw`prototyp\u0065`]) {
      for (const body of [`{"a": {"${key}": {"isAdmin": true}}}`, `{"pad": "${pad}", "a": [{"${key}": 1}]}`]) {
        const res = await gateway("", { headers: { "content-type": "application/json" }, body });
        expect(res.status, `${key} in ${body.length} bytes`).toBe(400);
        expect(((await res.json()) as Problem).detail).toMatch(/chave proibida \(__proto__, constructor ou prototype\)/);
      }
    }
    // Inside a text it is only text.
    expect((await gateway("/sync", { headers: { "content-type": "application/json" }, body: String.raw`{"nota": "\u005f_proto__"}` })).status).toBe(200);
    const after = await app.api<{ total: number }>("GET", `/api/flows/${flow.id}/executions`);
    expect(after.body.total).toBe(before.body.total + 1);
  });

  it("takes query and form keys named like Object.prototype members as plain names, and the run reads back", async () => {
    const res = await gateway("/sync?toString=a&constructor=b&valueOf=2&hasOwnProperty=c", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "toString=x&__proto__=y&__proto__=z" });
    expect(res.status).toBe(200);
    const list = await app.api<{ items: { id: string }[] }>("GET", `/api/flows/${flow.id}/executions`);
    const execution = await app.api<Execution>("GET", `/api/executions/${list.body.items[0]!.id}`);
    expect(execution.status).toBe(200);
    expect(execution.body.input).toMatchObject({ query_params: { toString: "a", constructor: "b", valueOf: "2", hasOwnProperty: "c" } });
    // (An object literal can't say "__proto__" as a key: compare the entries.)
    expect(Object.entries(execution.body.input.body as object)).toEqual([["toString", "x"], ["__proto__", ["y", "z"]]]);
  });

  it("keeps gateway headers that look like credentials by name only", async () => {
    const headers = { "x-api-key": "k-123456", "x-client-secret": "s-123456", "api-key": "a-123456", "x-refresh-token": "t-123456", "x-user-password": "p-123456", "x-tenant": "acme" };
    const res = await gateway("/sync", { headers });
    expect(res.status).toBe(200);
    const list = await app.api<{ items: { id: string }[] }>("GET", `/api/flows/${flow.id}/executions`);
    const execution = await app.api<Execution>("GET", `/api/executions/${list.body.items[0]!.id}`);
    expect(execution.body.input.headers).toMatchObject({ "x-api-key": "[redacted]", "x-client-secret": "[redacted]", "api-key": "[redacted]", "x-refresh-token": "[redacted]", "x-user-password": "[redacted]", "x-tenant": "acme" });
    expect(JSON.stringify(execution.body)).not.toMatch(/-123456/);
  });

  it("lists at most 20 problems in one answer, saying how many there are", async () => {
    // Edges to steps that don't exist make a definition meaningless: refused at save, one problem each.
    const edges = Array.from({ length: 1000 }, (_, i) => ({ source: "trigger", target: `missing_${i}` }));
    const definition = { steps: [], edges };
    const res = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { ...app.auth, "content-type": "application/json" }, body: JSON.stringify({ name: "muitos", definition }) });
    const text = await res.text();
    expect(res.status).toBe(422);
    expect(text.length).toBeLessThan(20_000);
    const problem = JSON.parse(text) as Problem & { errorCount?: number };
    expect(problem.errors!.length).toBeLessThanOrEqual(20);
    expect(problem.errorCount).toBeGreaterThan(20);
    expect(problem.detail).toContain(`de ${problem.errorCount}`);
  });

  it("takes a malformed session cookie as no cookie, on every route", async () => {
    for (const path of ["/api/health", "/api/flows", "/api/auth/me"]) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie: "fluxo_session=%E0%A4%A" } });
      expect(res.status, path).toBeLessThan(500);
    }
    expect((await fetch(`${app.url}/api/flows`, { headers: { cookie: "fluxo_session=%E0%A4%A" } })).status).toBe(401);
  });
});
