import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution } from "@fluxo/contracts";
import type { Access } from "../src/routes/api-route.js";
import { API_ROUTES } from "../src/routes/api-routes.js";
import { sessionCookieOf, startTestApp, type TestApp } from "./harness.js";

type Caller = "anonymous" | "viewer" | "member" | "admin" | "otherOwner" | "apiKey" | "revokedKey";
const CALLERS: Caller[] = ["anonymous", "viewer", "member", "admin", "otherOwner", "apiKey", "revokedKey"];

/** Who may pass each access rule (the owner may everything; it is the harness's own caller). */
const ALLOWED: Record<Exclude<Access, "public">, Caller[]> = {
  read: ["viewer", "member", "admin", "otherOwner"],
  "read-executions": ["viewer", "member", "admin", "otherOwner", "apiKey"],
  "edit-flows": ["member", "admin", "otherOwner"],
  "run-flows": ["member", "admin", "otherOwner", "apiKey"],
  "schedule-flows": ["member", "admin", "otherOwner"],
  "reveal-tokens": ["member", "admin", "otherOwner", "apiKey"],
  "manage-connections": ["admin", "otherOwner"],
  "manage-workspace": ["admin", "otherOwner"],
  account: ["viewer", "member", "admin", "otherOwner"],
};

interface Fixture {
  connectionId: string;
  flowId: string;
  executionId: string;
  memberUserId: string;
  inviteId: string;
  apiKeyId: string;
  workspaceId: string;
}

/**
 * A request for each route, built on fresh resources of the owner's workspace. A route
 * added to API_ROUTES without an entry here fails the test: decide who may call it first.
 */
/** `scoped`: the request names the owner's workspace's resources (another workspace gets 404); by default, when the path has an id. */
const REQUESTS: Record<string, (f: Fixture) => { path: string; body?: unknown; scoped?: boolean }> = {
  "GET /health": () => ({ path: "/health" }),
  "GET /openapi.json": () => ({ path: "/openapi.json" }),
  "GET /docs": () => ({ path: "/docs" }),
  "GET /docs/reference.css": () => ({ path: "/docs/reference.css" }),
  "GET /auth/session": () => ({ path: "/auth/session" }),
  "POST /auth/setup": () => ({ path: "/auth/setup", body: { email: "x@y.z", name: "X", password: "long enough password" } }),
  "POST /auth/login": () => ({ path: "/auth/login", body: { email: "nobody@fluxo.test", password: "wrong password" } }),
  "POST /auth/logout": () => ({ path: "/auth/logout" }),
  "POST /auth/invite": () => ({ path: "/auth/invite", body: { token: "not-a-token" } }),
  "POST /auth/invite/accept": () => ({ path: "/auth/invite/accept", body: { token: "not-a-token", name: "X", password: "long enough password" } }),
  "POST /auth/invite/join": () => ({ path: "/auth/invite/join", body: { token: "" } }),
  "POST /auth/workspace": (f) => ({ path: "/auth/workspace", body: { workspaceId: f.workspaceId }, scoped: true }),
  "POST /workspaces": () => ({ path: "/workspaces", body: { name: "matrix" } }),
  "GET /workspace/retention": () => ({ path: "/workspace/retention" }),
  "PUT /workspace/retention": () => ({ path: "/workspace/retention", body: { days: 14, maxExecutions: 10_000 } }),
  "GET /members": () => ({ path: "/members" }),
  "PUT /members/:userId": (f) => ({ path: `/members/${f.memberUserId}`, body: { role: "member" } }),
  "DELETE /members/:userId": (f) => ({ path: `/members/${f.memberUserId}` }),
  "GET /invites": () => ({ path: "/invites" }),
  "POST /invites": () => ({ path: "/invites", body: { email: `i${Math.random().toString(36).slice(2)}@fluxo.test`, role: "viewer" } }),
  "DELETE /invites/:id": (f) => ({ path: `/invites/${f.inviteId}` }),
  "GET /api-keys": () => ({ path: "/api-keys" }),
  "POST /api-keys": () => ({ path: "/api-keys", body: { name: "matrix" } }),
  "DELETE /api-keys/:id": (f) => ({ path: `/api-keys/${f.apiKeyId}` }),
  "GET /connectors": () => ({ path: "/connectors" }),
  "GET /connections": () => ({ path: "/connections" }),
  "POST /connections": () => ({ path: "/connections", body: { connector: "btg-id", name: "m", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: "http://127.0.0.1:1" } } }),
  "POST /connections/test": (f) => ({ path: "/connections/test", body: { connector: "btg-id", id: f.connectionId, values: {} }, scoped: true }),
  "GET /connections/:id": (f) => ({ path: `/connections/${f.connectionId}` }),
  "PUT /connections/:id": (f) => ({ path: `/connections/${f.connectionId}`, body: { name: "renamed" } }),
  "DELETE /connections/:id": (f) => ({ path: `/connections/${f.connectionId}?force=true` }),
  "POST /connections/:id/test": (f) => ({ path: `/connections/${f.connectionId}/test` }),
  "GET /oauth/config": () => ({ path: "/oauth/config" }),
  "POST /connections/:id/oauth/authorize": (f) => ({ path: `/connections/${f.connectionId}/oauth/authorize` }),
  "DELETE /connections/:id/oauth": (f) => ({ path: `/connections/${f.connectionId}/oauth` }),
  "GET /oauth/callback": () => ({ path: "/oauth/callback?state=matrix&code=matrix&iss=matrix" }),
  "GET /flows": () => ({ path: "/flows" }),
  "POST /flows": () => ({ path: "/flows", body: { name: "matrix" } }),
  "GET /flows/:id": (f) => ({ path: `/flows/${f.flowId}` }),
  "PUT /flows/:id": (f) => ({ path: `/flows/${f.flowId}`, body: { name: "renamed" } }),
  "DELETE /flows/:id": (f) => ({ path: `/flows/${f.flowId}` }),
  "POST /flows/:id/duplicate": (f) => ({ path: `/flows/${f.flowId}/duplicate` }),
  "GET /flows/:id/export": (f) => ({ path: `/flows/${f.flowId}/export` }),
  "POST /flows/import": () => ({ path: "/flows/import", body: { file: { format: "fluxo.flow/v1", name: "imported", definition: { steps: [] } } }, scoped: false }),
  "GET /flows/:id/versions": (f) => ({ path: `/flows/${f.flowId}/versions` }),
  "GET /flows/:id/versions/:number": (f) => ({ path: `/flows/${f.flowId}/versions/1` }),
  "POST /flows/:id/publish": (f) => ({ path: `/flows/${f.flowId}/publish`, body: { note: "matrix" } }),
  "POST /flows/:id/versions/:number/restore": (f) => ({ path: `/flows/${f.flowId}/versions/1/restore` }),
  "GET /flows/:id/executions": (f) => ({ path: `/flows/${f.flowId}/executions` }),
  "GET /flows/:id/executions/stream": (f) => ({ path: `/flows/${f.flowId}/executions/stream` }),
  "POST /flows/:id/executions": (f) => ({ path: `/flows/${f.flowId}/executions`, body: {} }),
  "POST /flows/:id/executions/sync": (f) => ({ path: `/flows/${f.flowId}/executions/sync`, body: { input: { body: { account: "accounts/matrix" } } } }),
  "GET /executions": (f) => ({ path: `/executions?flowId=${f.flowId}` }),
  "GET /executions/stream": () => ({ path: "/executions/stream" }),
  "GET /executions/:id": (f) => ({ path: `/executions/${f.executionId}` }),
  "GET /executions/:id/steps/:stepId/token": (f) => ({ path: `/executions/${f.executionId}/steps/credentials/token` }),
  "GET /executions/:id/events": (f) => ({ path: `/executions/${f.executionId}/events` }),
  "GET /flows/:id/schedule": (f) => ({ path: `/flows/${f.flowId}/schedule` }),
  "PUT /flows/:id/schedule": (f) => ({ path: `/flows/${f.flowId}/schedule`, body: { cron: "0 9 * * 1-5", enabled: false } }),
  "DELETE /flows/:id/schedule": (f) => ({ path: `/flows/${f.flowId}/schedule` }),
  "POST /executions/:id/rerun": (f) => ({ path: `/executions/${f.executionId}/rerun`, body: { from: "start" } }),
  "POST /flows/:id/steps/:stepId/test": (f) => ({ path: `/flows/${f.flowId}/steps/credentials/test`, body: {} }),
};

describe("authorization matrix (every route × every kind of caller)", () => {
  let app: TestApp;
  const headers = {} as Record<Caller, Record<string, string>>;
  let execution: Execution;

  async function signUp(role: "admin" | "member" | "viewer", email: string): Promise<{ cookie: Record<string, string>; userId: string }> {
    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email, role });
    const res = await fetch(`${app.url}/api/auth/invite/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite.body.token, name: role, password: "a long password 123" }) });
    const body = (await res.json()) as { user: { id: string } };
    return { cookie: { cookie: sessionCookieOf(res) }, userId: body.user.id };
  }

  beforeAll(async () => {
    app = await startTestApp("postgres");
    headers.anonymous = {};
    for (const role of ["admin", "member", "viewer"] as const) headers[role] = (await signUp(role, `${role}@fluxo.test`)).cookie;
    const other = await app.server.auth.createWorkspaceWithOwner({ workspace: "Outra", email: "other@fluxo.test", name: "Other", password: "a long password 123" });
    headers.otherOwner = { cookie: `fluxo_session=${other.session.token}` };
    const key = await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "machine" });
    headers.apiKey = { authorization: `Bearer ${key.body.key}` };
    const revoked = await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "revoked" });
    await app.api("DELETE", `/api/api-keys/${revoked.body.id}`);
    headers.revokedKey = { authorization: `Bearer ${revoked.body.key}` };
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
    execution = await app.waitForExecution(body.executionId);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("has a request for every route in the table", () => {
    const missing = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).filter((key) => !REQUESTS[key]);
    expect(missing, "add these routes to REQUESTS (and decide their access rule)").toEqual([]);
  });

  /** Fresh resources for each call, so a DELETE by one caller doesn't change what the next one sees. */
  async function fixture(): Promise<Fixture> {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    // Published once, so version 1 exists (publishing again is a 409: allowed, nothing changed).
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    // With a schedule (disabled: it never fires here), so reading and removing it have something to act on.
    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "0 9 * * 1-5", enabled: false });
    const member = await signUp("viewer", `v${Math.random().toString(36).slice(2)}@fluxo.test`);
    const invite = await app.api<{ id: string }>("POST", "/api/invites", { email: `p${Math.random().toString(36).slice(2)}@fluxo.test`, role: "viewer" });
    const key = await app.api<{ id: string }>("POST", "/api/api-keys", { name: "to revoke" });
    // The execution of the shared flow (its events and token exist); the fresh flow has none.
    const workspaceId = (await app.api<{ workspace: { id: string } }>("GET", "/api/auth/session")).body.workspace.id;
    return { connectionId: connection.id, flowId: flow.id, executionId: execution.id, memberUserId: member.userId, inviteId: invite.body.id, apiKeyId: key.body.id, workspaceId };
  }

  // Creating a workspace moves the callers' sessions into one they own, and logout ends them: they go last.
  const LAST = ["/workspaces", "/auth/logout"];
  const last = (r: (typeof API_ROUTES)[number]) => (r.method === "post" ? LAST.indexOf(r.path) : -1);
  for (const route of [...API_ROUTES.filter((r) => last(r) === -1), ...API_ROUTES.filter((r) => last(r) !== -1).sort((a, b) => last(a) - last(b))]) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    it(`${key} (${route.access})`, async () => {
      const build = REQUESTS[key];
      if (!build) throw new Error(`no request for ${key}`);
      const outcome: Record<string, number> = {};
      const expected: Record<string, number | string> = {};
      for (const caller of CALLERS) {
        const { path, body, scoped = route.path.includes(":") } = build(await fixture());
        const res = await fetch(`${app.url}/api${path}`, {
          method: route.method.toUpperCase(),
          headers: { ...headers[caller], ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await res.body?.cancel();
        outcome[caller] = res.status;
        expected[caller] = expectation(route.access, caller, scoped);
      }
      const summary = Object.fromEntries(CALLERS.map((c) => [c, matches(outcome[c]!, expected[c]!) ? "ok" : `got ${outcome[c]}, expected ${expected[c]}`]));
      expect(summary).toEqual(Object.fromEntries(CALLERS.map((c) => [c, "ok"])));
    });
  }
});

/**
 * A status; "allowed": not 401/403/404 (the route did its work or refused the input);
 * "answered": anything but a 5xx (public routes say 401/404 for wrong credentials or tokens).
 */
function expectation(access: Access, caller: Caller, scoped: boolean): number | "allowed" | "answered" {
  // A key that doesn't open is refused everywhere, never taken as anonymous.
  if (caller === "revokedKey") return 401;
  if (access === "public") return "answered";
  if (caller === "anonymous") return 401;
  if (!ALLOWED[access].includes(caller)) return 403;
  // Another workspace's ids don't exist for its callers.
  if (caller === "otherOwner" && scoped) return 404;
  return "allowed";
}

function matches(status: number, expected: number | string): boolean {
  if (expected === "answered") return status < 500;
  return expected === "allowed" ? ![401, 403, 404].includes(status) && status < 500 : status === expected;
}
