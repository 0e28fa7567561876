import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "@fluxo/contracts";
import { verifyPassword } from "../src/auth/password.js";
import { OWNER, sessionCookieOf, startTestApp, type TestApp } from "./harness.js";

/** FLUXO_AUTH_CACHE_MS here: what another API process changes in the database counts after it. */
const AUTH_CACHE_MS = 300;
const pastAuthCache = () => new Promise((resolve) => setTimeout(resolve, AUTH_CACHE_MS + 50));

describe("accounts and sessions", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres", undefined, { env: { FLUXO_AUTH_CACHE_MS: String(AUTH_CACHE_MS) } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("refuses a second setup, and stores the password as a salted scrypt hash", async () => {
    const again = await post("/api/auth/setup", { email: "second@fluxo.test", name: "Second", password: "another long password" });
    expect(again.status).toBe(409);
    const { rows } = await app.server.database.pool.query<{ passwordHash: string }>(`SELECT "passwordHash" FROM "User" WHERE email = $1`, [OWNER.email]);
    expect(rows[0]!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(OWNER.password, rows[0]!.passwordHash)).toBe(true);
  });

  it("sets an httpOnly SameSite=Lax session cookie, and logout ends the session", async () => {
    const login = await post("/api/auth/login", { email: OWNER.email, password: OWNER.password });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().join(";");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; https (req.secure) adds it
    const cookie = { cookie: sessionCookieOf(login) };
    expect((await fetch(`${app.url}/api/flows`, { headers: cookie })).status).toBe(200);
    expect((await post("/api/auth/logout", {}, cookie)).status).toBe(204);
    expect((await fetch(`${app.url}/api/flows`, { headers: cookie })).status).toBe(401);
  });

  it("refuses an expired session and one whose membership is gone, also when another process changed it", async () => {
    const login = await post("/api/auth/login", { email: OWNER.email, password: OWNER.password });
    const cookie = { cookie: sessionCookieOf(login) };
    const hash = (await app.server.database.pool.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "Session" ORDER BY "createdAt" DESC LIMIT 1`)).rows[0]!.tokenHash;
    expect((await fetch(`${app.url}/api/flows`, { headers: cookie })).status).toBe(200);
    // One second past its end (UTC, as Prisma writes it): refused, whatever the server's time zone.
    // Straight in the database, as another API process would: counts here once the remembered check is older than FLUXO_AUTH_CACHE_MS.
    await app.server.database.pool.query(`UPDATE "Session" SET "expiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE "tokenHash" = $1`, [hash]);
    await pastAuthCache();
    expect((await fetch(`${app.url}/api/flows`, { headers: cookie })).status).toBe(401);
    // A refusal is never remembered.
    await app.server.database.pool.query(`UPDATE "Session" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + interval '1 hour' WHERE "tokenHash" = $1`, [hash]);
    expect((await fetch(`${app.url}/api/flows`, { headers: cookie })).status).toBe(200);
    const { rows } = await app.server.database.pool.query<{ userId: string; workspaceId: string }>(`SELECT "userId", "workspaceId" FROM "Session" WHERE "tokenHash" = $1`, [hash]);
    await app.server.database.pool.query(`UPDATE "Membership" SET role = 'viewer' WHERE "userId" = $1 AND "workspaceId" = $2`, [rows[0]!.userId, rows[0]!.workspaceId]);
    await pastAuthCache();
    expect((await post("/api/flows", { name: "só leitura" }, cookie)).status).toBe(403);
    await app.server.database.pool.query(`UPDATE "Membership" SET role = 'owner' WHERE "userId" = $1 AND "workspaceId" = $2`, [rows[0]!.userId, rows[0]!.workspaceId]);
    await pastAuthCache();
    expect((await post("/api/flows", { name: "de novo dona" }, cookie)).status).toBe(201);
  });

  it("records when an API key was last used (to the minute) and refuses it once revoked", async () => {
    const created = await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "last used" });
    const bearer = { authorization: `Bearer ${created.body.key}` };
    // A key may read executions: an unknown one answers 404 to it, 401 to a caller the key doesn't authenticate.
    const call = async () => (await fetch(`${app.url}/api/executions/00000000-0000-4000-8000-00000000abcd`, { headers: bearer })).status;
    const lastUsed = async () => (await app.api<{ id: string; lastUsedAt: string | null }[]>("GET", "/api/api-keys")).body.find((k) => k.id === created.body.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect(await call()).toBe(404);
    const first = await lastUsed();
    expect(Math.abs(Date.parse(first!) - Date.now())).toBeLessThan(60_000);
    // Within the minute it isn't rewritten (no write per call)…
    expect(await call()).toBe(404);
    expect(await lastUsed()).toBe(first);
    // …after it, it is.
    await app.server.database.pool.query(`UPDATE "ApiKey" SET "lastUsedAt" = "lastUsedAt" - interval '2 minutes' WHERE id = $1`, [created.body.id]);
    await pastAuthCache();
    expect(await call()).toBe(404);
    expect(Date.parse((await lastUsed())!)).toBeGreaterThanOrEqual(Date.parse(first!));
    // Revoked through this process: refused at once, however recently it was checked.
    expect(await call()).toBe(404);
    expect((await app.api("DELETE", `/api/api-keys/${created.body.id}`)).status).toBe(200);
    expect(await call()).toBe(401);
  });

  it("refuses an API key another process revoked once FLUXO_AUTH_CACHE_MS has passed", async () => {
    const created = await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "revoked elsewhere" });
    const call = async () => (await fetch(`${app.url}/api/executions/00000000-0000-4000-8000-00000000abcd`, { headers: { authorization: `Bearer ${created.body.key}` } })).status;
    expect(await call()).toBe(404);
    await app.server.database.pool.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [created.body.id]);
    await pastAuthCache();
    expect(await call()).toBe(401);
  });

  it("rate-limits wrong passwords with a clear 'tente novamente em N s'", async () => {
    const email = "victim@fluxo.test";
    for (let i = 0; i < 5; i++) expect((await post("/api/auth/login", { email, password: `wrong ${i}` })).status).toBe(401);
    const blocked = await post("/api/auth/login", { email, password: "whatever" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as Problem).detail).toMatch(/tente novamente em \d+ s/);
  });

  it("refuses cookie-authenticated writes from another origin (CSRF), and sends no CORS headers unless configured", async () => {
    const res = await post("/api/flows", { name: "csrf" }, { ...app.auth, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).detail).toMatch(/CSRF/);
    const same = await post("/api/flows", { name: "same origin" }, { ...app.auth, origin: app.url });
    expect(same.status).toBe(201);
    expect(same.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers with a Content-Security-Policy that allows no inline script", async () => {
    const res = await fetch(`${app.url}/api/health`);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
