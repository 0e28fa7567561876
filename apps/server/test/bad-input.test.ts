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
  "invalid UTF-8": Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
};

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
      }
      expect(failures).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    });
  }

  it("says how big a body may be", async () => {
    const res = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { ...app.auth, "content-type": "application/json" }, body: CORPUS["huge body"] });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).detail).toMatch(/limite de 1 MB \(FLUXO_BODY_LIMIT\)/);
  });
});
