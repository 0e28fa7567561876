import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "@fluxo/contracts";
import { API_ROUTES } from "../src/routes/api-routes.js";
import { startTestApp, type TestApp } from "./harness.js";

const nested = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);

/** Bodies no write endpoint should accept, each sent as raw bytes with a JSON content type. */
const CORPUS: Record<string, Buffer> = {
  "malformed JSON": Buffer.from('{"name": "x",'),
  "wrong type (array)": Buffer.from("[1, 2, 3]"),
  "wrong type (string)": Buffer.from('"just a string"'),
  "wrong field types": Buffer.from('{"name": 12, "email": [], "password": {}, "role": true, "values": "x", "definition": 5, "input": 7}'),
  "huge body": Buffer.from(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) })),
  "deeply nested": Buffer.from(`{"name": ${nested(5000)}}`),
  "__proto__ key": Buffer.from('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}'),
  // Spelled with escapes, as JSON decodes them; where the rest of the body would be taken (a trigger's input).
  "escaped __proto__ key": Buffer.from(String.raw`{"input": {"body": {"\u005f_proto__": {"isAdmin": true}, "\u0063onstructor": {"prototyp\u0065": {"polluted": 1}}}}}`),
  "NUL in a text": Buffer.from('{"name": "a\\u0000b", "email": "x@y.z", "values": {"clientId": "\\u0000"}, "input": {"body": "\\u0000"}}'),
  "half a character": Buffer.from('{"name": "\\ud800", "input": {"body": {"k\\udc00": 1}}}'),
  "invalid UTF-8": Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
};

/** Zod's English wording, and the contracts' before they spoke Portuguese. */
const ENGLISH = /\b(Invalid|expected|received|Too (big|small)|is required|use no more|use at least)\b/;

describe("bad-input corpus against every write endpoint", () => {
  let app: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    ids = { id: flow.id, userId: "00000000-0000-4000-8000-000000000009", stepId: "credentials" };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const counts = async () => {
    const { pool } = app.server.database;
    const tables = ["Connection", "Flow", "Execution", "User", "Membership", "Invite", "ApiKey"];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await pool.query(`SELECT count(*) FROM "${t}"`)).rows[0].count)])));
  };

  // Routes that read no body (deletes, duplicate, a saved connection's test) have nothing to refuse.
  const BODYLESS = new Set(["/auth/logout", "/flows/:id/duplicate", "/connections/:id/test"]);
  const writes = API_ROUTES.filter((r) => (r.method === "post" || r.method === "put") && !BODYLESS.has(r.path));
  for (const route of writes) {
    it(`${route.method.toUpperCase()} ${route.path}: a clear 4xx for each bad body, nothing stored, the server up`, async () => {
      const before = await counts();
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? ids.id!);
      const failures: string[] = [];
      for (const [name, body] of Object.entries(CORPUS)) {
        const res = await fetch(`${app.url}/api${path}`, { method: route.method.toUpperCase(), headers: { ...app.auth, "content-type": "application/json" }, body });
        const problem = (await res.json().catch(() => null)) as Problem | null;
        if (res.status < 400 || res.status >= 500 || !problem?.detail) failures.push(`${name}: ${res.status} ${JSON.stringify(problem)}`);
        else if (name === "huge body" && res.status !== 413) failures.push(`${name}: ${res.status}, expected 413`);
        else if (problem.errors?.some((e) => ENGLISH.test(e.message))) failures.push(`${name}: a field message in English: ${JSON.stringify(problem.errors)}`);
        else if (/^\p{Ll}\p{L}*(?=[\s,;:]|$)/u.test(problem.detail)) failures.push(`${name}: a detail that doesn't start as a sentence: ${problem.detail}`);
      }
      expect(failures).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    });
  }

  it("tells each field what is wrong in Portuguese, zod's own messages included", async () => {
    const messages = async (path: string, body: unknown) => {
      const res = await app.api<Problem>("POST", path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      return Object.fromEntries(res.body.errors!.map((e) => [e.path, e.message]));
    };
    expect(await messages("/api/flows", { name: 12 })).toEqual({ name: "Entrada inválida: esperava um texto, recebeu um número" });
    expect(await messages("/api/flows", { name: " ", description: "x".repeat(2001) })).toEqual({ name: "Preencha este campo.", description: "Use no máximo 2000 caracteres." });
    expect(await messages("/api/workspaces", {})).toEqual({ name: expect.stringMatching(/^Entrada inválida/) });
    expect(await messages("/api/flows/" + ids.id + "/publish", { note: "n", extra: 1 })).toEqual({ "(body)": 'Chave inválida: "extra"' });
  });

  it("refuses a malformed Idempotency-Key with 422 naming the header on every route that honours it, starting nothing", async () => {
    const key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "bad idempotency keys" })).body.key;
    const slug = (await app.api<{ slug: string }>("GET", `/api/flows/${ids.id}`)).body.slug;
    const targets = [
      ...API_ROUTES.filter((r) => r.idempotent).map((r) => `/api${r.path.replace(":id", ids.id!)}`),
      `/gateway/flows/${slug}`,
      `/gateway/flows/${slug}/sync`,
    ];
    expect(targets.length).toBe(4);
    const before = await counts();
    for (const path of targets) {
      for (const bad of ["", "has space", "x".repeat(256), "tab\there", "ção"]) {
        const res = await fetch(`${app.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": bad }, body: "{}" });
        expect(res.status, `${path} ${JSON.stringify(bad)}`).toBe(422);
        expect(((await res.json()) as Problem).errors?.[0]?.path).toBe("headers.Idempotency-Key");
      }
    }
    expect((await counts()).Execution).toBe(before.Execution);
  });

  it("says how big a body may be", async () => {
    const res = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { ...app.auth, "content-type": "application/json" }, body: CORPUS["huge body"] });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).detail).toMatch(/limite de 1 MB \(FLUXO_BODY_LIMIT\)/);
  });
});

/** Environment URLs the outbound policy refuses; names resolve through the harness's test resolver, never real DNS. */
const SSRF_URLS: Record<string, string> = {
  "cloud metadata": "http://169.254.169.254/latest/meta-data",
  "cloud metadata over https": "https://169.254.169.254",
  "metadata host name": "https://metadata.google.internal",
  localhost: "http://localhost:3100",
  "localhost over https": "https://localhost",
  "127.1": "https://127.1",
  "0.0.0.0": "https://0.0.0.0",
  "[::1]": "https://[::1]:8443",
  "[::ffff:127.0.0.1]": "https://[::ffff:127.0.0.1]",
  "IPv4-mapped metadata": "https://[::ffff:a9fe:a9fe]",
  "IPv6 link-local": "https://[fe80::1]",
  "IPv6 unique local": "https://[fd00::1]",
  "decimal IP": "https://2130706433",
  "hex IP": "https://0x7f000001",
  "decimal private IP": "https://167772161",
  "name resolving to 10/8": "https://intranet.fluxo.test",
  "name resolving to metadata": "https://metadata.fluxo.test",
  "name resolving to 192.168/16": "https://router.fluxo.test",
  "name resolving to IPv6 ULA": "https://v6-private.fluxo.test",
  "name resolving to loopback": "https://loopback.fluxo.test",
  "name with one private address": "https://partly-private.fluxo.test",
  "http to a public name": "http://id.sandbox.btgpactual.com",
};

describe("SSRF environment URLs are refused when a connection is saved or tested", () => {
  // As in production: no http:// and no loopback.
  let app: TestApp;
  let connectionId: string;
  beforeAll(async () => {
    app = await startTestApp("postgres", undefined, { env: { FLUXO_ALLOW_INSECURE_LOCALHOST: "false" } });
    connectionId = (await app.createConnection({ environmentUrl: "https://id.sandbox.btgpactual.com" })).id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const connectionRows = async () => (await app.server.database.pool.query(`SELECT id, config FROM "Connection" ORDER BY id`)).rows;
  const values = (environmentUrl: string) => ({ clientId: "demo-client", clientSecret: "demo-secret", environmentUrl });
  const requests = (environmentUrl: string): [string, string, unknown][] => [
    ["POST", "/api/connections", { connector: "btg-id", name: "SSRF", description: "", values: values(environmentUrl) }],
    ["PUT", `/api/connections/${connectionId}`, { values: { environmentUrl } }],
    ["POST", "/api/connections/test", { connector: "btg-id", name: "SSRF", values: values(environmentUrl) }],
  ];

  for (const [name, url] of Object.entries(SSRF_URLS)) {
    it(`${name} (${url}): 422 on values.environmentUrl naming the rule, nothing stored, the server up`, async () => {
      const before = await connectionRows();
      for (const [method, path, body] of requests(url)) {
        const res = await app.api<Problem>(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(422);
        const problem = res.body.errors?.find((e) => e.path === "values.environmentUrl");
        expect(problem?.message, `${method} ${path}`).toMatch(/não é permitido|use https:\/\/|só https:\/\/ é permitido/);
        expect(problem?.message).toMatch(/FLUXO_OUTBOUND_ALLOWLIST|FLUXO_ALLOW_INSECURE_LOCALHOST|https:\/\//);
      }
      expect(await connectionRows()).toEqual(before);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    });
  }

  it("says which rule refused, in pt-BR by default and in English when asked", async () => {
    const english = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "x", description: "", values: values("https://intranet.fluxo.test") }, { ...app.auth, "accept-language": "en" });
    expect(english.body.detail).toMatch(/^Fluxo can't call the address given: environmentUrl: /);
    expect(english.body.detail).not.toMatch(/endereço|rede privada/);
    expect(english.body.errors![0]!.message).toMatch(/FLUXO_OUTBOUND_ALLOWLIST/);
    const res = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "x", description: "", values: values("https://intranet.fluxo.test") });
    expect(res.body.detail).toMatch(/environmentUrl: o endereço 10\.1\.2\.3 de "intranet\.fluxo\.test" é de rede privada \(10\.0\.0\.0\/8\) e não é permitido; se for intencional, adicione-o a FLUXO_OUTBOUND_ALLOWLIST/);
  });

  it("a rename keeps working when only other fields change", async () => {
    expect((await app.api("PUT", `/api/connections/${connectionId}`, { name: "Renomeada" })).status).toBe(200);
  });
});

describe("with FLUXO_ALLOW_INSECURE_LOCALHOST (outside production), loopback http stays allowed", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("saves and tests the local sandbox, still refuses metadata and private names", async () => {
    const saved = await app.createConnection();
    expect(saved.values.environmentUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const tested = await app.api<{ ok: boolean }>("POST", "/api/connections/test", { connector: "btg-id", name: "x", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: "http://localhost:" + new URL(app.sandbox.url).port } });
    expect(tested.status).toBe(200);
    for (const url of ["http://169.254.169.254", "https://intranet.fluxo.test", "https://0.0.0.0", "http://public.fluxo.test"]) {
      const res = await app.api<Problem>("PUT", `/api/connections/${saved.id}`, { values: { environmentUrl: url } });
      expect(res.status, url).toBe(422);
      expect(res.body.errors?.[0]?.path).toBe("values.environmentUrl");
    }
  });
});
