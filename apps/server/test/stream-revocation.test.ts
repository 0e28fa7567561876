import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow } from "@fluxo/contracts";
import type { Pool } from "pg";
import { newToken, tokenHash } from "../src/auth/tokens.js";
import type { RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, sessionCookieOf, startTestApp, type TestApp } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/** An open SSE stream: `ended` resolves when the server closes it; `until` when its text so far holds `text`. */
interface OpenStream {
  status: number;
  ended: Promise<void>;
  isEnded(): boolean;
  until(text: string): Promise<void>;
  close(): void;
}

async function openStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { ...headers, accept: "text/event-stream" }, signal: controller.signal });
  const decoder = new TextDecoder();
  let received = "";
  let done = false;
  const waiting: { text: string; resolve: () => void }[] = [];
  const ended = (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        received += decoder.decode(chunk, { stream: true });
        for (const w of waiting.filter((w) => received.includes(w.text))) w.resolve();
      }
    } catch {
      // aborted by close()
    }
    done = true;
  })();
  return {
    status: response.status,
    ended,
    isEnded: () => done,
    until: (text) => (received.includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve }))),
    close: () => controller.abort(),
  };
}

/**
 * A new session of the owner that ends `inMs` from now (as its absolute timeout would); its cookie.
 * Written straight to the database: a sign-in would leave its principal remembered (FLUXO_AUTH_CACHE_MS) with its usual end.
 */
async function sessionEndingSoon(pool: Pool, inMs: number): Promise<Record<string, string>> {
  const token = newToken();
  const { rowCount } = await pool.query(
    `INSERT INTO "Session" ("tokenHash", "userId", "workspaceId", "expiresAt")
     SELECT $1, "userId", "workspaceId", (now() AT TIME ZONE 'UTC') + $2 * interval '1 millisecond' FROM "Membership" WHERE role = 'owner' LIMIT 1`,
    [tokenHash(token), inMs],
  );
  expect(rowCount).toBe(1);
  return { cookie: `fluxo_session=${token}` };
}

describe("open streams close when their principal is revoked (single mode)", () => {
  let app: TestApp;
  let flow: Flow;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    flow = await app.createFlow((await app.createConnection()).id);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const historyStream = (headers: Record<string, string>) => openStream(`${app.url}/api/flows/${flow.id}/executions/stream`, headers);

  it("closes an API key's streams when the key is revoked, and only those", async () => {
    const created = (await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "stream" })).body;
    const other = (await app.api<{ id: string; key: string }>("POST", "/api/api-keys", { name: "stays" })).body;
    const history = await historyStream({ authorization: `Bearer ${created.key}` });
    const kept = await historyStream({ authorization: `Bearer ${other.key}` });
    expect([history.status, kept.status]).toEqual([200, 200]);
    expect((await app.api("DELETE", `/api/api-keys/${created.id}`)).status).toBe(200);
    await history.ended;
    // The other key's stream stays open and still hears a new execution.
    const { executionId: next } = (await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).body;
    await kept.until(next);
    expect(kept.isEnded()).toBe(false);
    kept.close();
  });

  it("closes a removed member's streams", async () => {
    const member = { email: "leaving@fluxo.test", name: "De Saída", password: "a long enough password" };
    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email: member.email, role: "member" });
    const accepted = await fetch(`${app.url}/api/auth/invite/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite.body.token, ...member }) });
    expect(accepted.status).toBe(201);
    const cookie = { cookie: sessionCookieOf(accepted) };
    const members = (await app.api<{ userId: string; email: string }[]>("GET", "/api/members")).body;
    const userId = members.find((m) => m.email === member.email)!.userId;
    const history = await historyStream(cookie);
    expect(history.status).toBe(200);
    expect((await app.api("DELETE", `/api/members/${userId}`)).status).toBe(204);
    await history.ended;
  });

  it("closes a session's streams when it signs out, not the same person's other sessions", async () => {
    const login = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "owner@fluxo.test", password: "correct horse battery" }) });
    const second = { cookie: sessionCookieOf(login) };
    const signingOut = await historyStream(second);
    const staying = await historyStream(app.auth);
    expect((await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { ...second, origin: app.url } })).status).toBe(204);
    await signingOut.ended;
    // The first session still works, and its stream stays open and hears the next execution.
    expect((await app.api("GET", "/api/flows")).status).toBe(200);
    const { executionId: next } = (await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).body;
    await staying.until(next);
    expect(staying.isEnded()).toBe(false);
    staying.close();
  });

  it("closes a session's streams when the session expires, not another session's", async () => {
    const expiring = await historyStream(await sessionEndingSoon(app.server.database.pool, 1_500));
    const staying = await historyStream(app.auth);
    expect([expiring.status, staying.status]).toEqual([200, 200]);
    await expiring.ended;
    const { executionId: next } = (await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).body;
    await staying.until(next);
    expect(staying.isEnded()).toBe(false);
    staying.close();
  });
});

describe("open streams close when their principal is revoked in another API process (queue mode)", () => {
  let queue: QueueRig;
  let apis: RunningServer[];
  let auth: Record<string, string>;
  let flowId: string;

  beforeAll(async () => {
    queue = await startQueueRig({ apis: 2, sandbox: false });
    ({ apis, auth } = queue);
    const post = async <T>(path: string, body: unknown) => (await (await fetch(`${apis[0]!.url}${path}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as T;
    const connection = await post<{ id: string }>("/api/connections", { connector: "btg-id", name: "BTG", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: "http://127.0.0.1:1" } });
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    flowId = (await post<Flow>("/api/flows", { name: "fila", definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } })).id;
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
  });

  it("closes an execution's event stream held by one process when the key is revoked through the other", async () => {
    const created = (await (await fetch(`${apis[0]!.url}/api/api-keys`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ name: "elsewhere" }) })).json()) as { id: string; key: string };
    const bearer = { authorization: `Bearer ${created.key}` };
    // No worker runs here: the execution stays queued, so its event stream stays open.
    const { executionId } = (await (await fetch(`${apis[1]!.url}/api/flows/${flowId}/executions`, { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: "{}" })).json()) as { executionId: string };
    const events = await openStream(`${apis[1]!.url}/api/executions/${executionId}/events`, bearer);
    const history = await openStream(`${apis[1]!.url}/api/flows/${flowId}/executions/stream`, bearer);
    expect([events.status, history.status]).toEqual([200, 200]);
    expect((await fetch(`${apis[0]!.url}/api/api-keys/${created.id}`, { method: "DELETE", headers: { ...auth, origin: apis[0]!.url } })).status).toBe(200);
    await Promise.all([events.ended, history.ended]);
  });

  it("closes an expiring session's streams in every API process, each by itself", async () => {
    const cookie = await sessionEndingSoon(apis[0]!.database.pool, 2_000);
    const { executionId } = (await (await fetch(`${apis[0]!.url}/api/flows/${flowId}/executions`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" })).json()) as { executionId: string };
    const streams = [
      await openStream(`${apis[0]!.url}/api/executions/${executionId}/events`, cookie),
      await openStream(`${apis[1]!.url}/api/executions/${executionId}/events`, cookie),
      await openStream(`${apis[1]!.url}/api/flows/${flowId}/executions/stream`, cookie),
    ];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    await Promise.all(streams.map((s) => s.ended));
  });
});
