import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution } from "@fluxo/contracts";
import { REDACTED_LOG_PATHS } from "../src/logger.js";
import { readSse, startTestApp, type TestApp } from "./harness.js";

const CLIENT_SECRET = "leak-canary-secret-7Qz9";

/**
 * The tutorial end to end (connection with a known secret, flow, execution, an API key),
 * then every API answer, the SSE stream, the logs and every database row are searched for
 * the client secret, the access token, the API key and the session token in plaintext.
 * Only the reveal endpoint may answer the token.
 */
describe("nothing leaks", () => {
  let app: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
    const logger = pino({ level: "trace", redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" } }, sink);
    app = await startTestApp("postgres", undefined, { logger });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("keeps the secret, the token, the API key and the session out of answers, events, logs and rows", async () => {
    const answers: string[] = [];
    const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await app.api(method, path, body, headers);
      answers.push(`${method} ${path} ${JSON.stringify(res.body)} ${JSON.stringify([...res.headers.entries()].filter(([k]) => k !== "set-cookie"))}`);
      return res;
    };
    const connection = await app.createConnection({ clientSecret: "demo-secret" });
    // The sandbox accepts only demo-secret; a second connection carries the canary secret through create, update and test.
    const canary = await call("POST", "/api/connections", { connector: "btg-id", name: "canary", values: { clientId: "demo-client", clientSecret: CLIENT_SECRET, environmentUrl: app.sandbox.url } });
    await call("PUT", `/api/connections/${(canary.body as { id: string }).id}`, { values: { clientSecret: CLIENT_SECRET } });
    await call("POST", `/api/connections/${(canary.body as { id: string }).id}/test`);
    await call("POST", "/api/connections/test", { connector: "btg-id", values: { clientId: "demo-client", clientSecret: CLIENT_SECRET, environmentUrl: app.sandbox.url } });
    const flow = await app.createFlow(connection.id, undefined, [
      // A later step that receives the token through an expression: its stored input must not show it.
      { id: "again", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, description: "", position: { x: 600, y: 120 }, parameters: { grantType: "client_credentials", reuseToken: false, authorizationDetails: [{ type: "t", resource: "{{ .steps.credentials.body.access_token }}", locations: [], privileges: [] }] } },
    ]);
    const key = (await call("POST", "/api/api-keys", { name: "leak" })).body as { key: string };
    const bearer = { authorization: `Bearer ${key.key}` };
    answers.pop(); // the one answer meant to show the key
    const trigger = await call("POST", `/api/flows/${flow.id}/executions`, { input: { body: { account: "1" } } }, bearer);
    const executionId = (trigger.body as { executionId: string }).executionId;
    const events = await readSse(`${app.url}/api/executions/${executionId}/events`, { headers: bearer });
    const execution = (await call("GET", `/api/executions/${executionId}`)).body as Execution;
    expect(execution.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded"]);

    // The one place the token may appear.
    const revealed = await app.api<{ access_token: string }>("GET", `/api/executions/${executionId}/steps/credentials/token`, undefined, bearer);
    const token = revealed.body.access_token;
    const signature = token.split(".")[2]!;
    expect(signature.length).toBeGreaterThan(20);

    for (const path of ["/api/connections", `/api/connections/${connection.id}`, "/api/flows", `/api/flows/${flow.id}`, `/api/flows/${flow.id}/executions`, `/api/executions/${executionId}`, "/api/members", "/api/api-keys", "/api/auth/session"]) {
      await call("GET", path);
    }
    const { pool } = app.server.database;
    const tables = ["Connection", "Flow", "Execution", "StepRun", "ExecutionEvents", "User", "Membership", "Session", "ApiKey", "Invite", "Workspace"];
    const rows = (await Promise.all(tables.map(async (t) => JSON.stringify((await pool.query(`SELECT * FROM "${t}"`)).rows)))).join("\n");
    const sessionToken = app.auth.cookie!.split("=")[1]!;

    const places = { answers: answers.join("\n"), events: JSON.stringify(events), logs: logLines.join(""), rows };
    const secrets = { clientSecret: CLIENT_SECRET, "demo-secret": "demo-secret", accessToken: token, tokenSignature: signature, apiKey: key.key, sessionToken };
    const hits: string[] = [];
    for (const [place, text] of Object.entries(places)) for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) hits.push(`${name} in ${place}`);
    const context = (text: string, secret: string) => text.slice(Math.max(0, text.indexOf(secret) - 300), text.indexOf(secret));
    expect(hits, hits.map((h) => { const [n, , p] = h.split(" "); return context(places[p as keyof typeof places], secrets[n as keyof typeof secrets]); }).join("\n---\n")).toEqual([]);
    expect(logLines.length).toBeGreaterThan(5);
  });
});
