import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAuthorization } from "@fluxo/btg-id-sandbox";
import type { Connection, Execution, Flow } from "@fluxo/contracts";
import type { RunningServer } from "../src/server.js";
import { readEventStream } from "./harness.js";
import { BALANCE_PATH, SCOPES } from "./oauth-consent.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/** Done-when of #24: tokens renew by themselves, once, across an API and two worker processes. */
describe("Authorization Code refreshes in queue mode (an API, two worker processes, PostgreSQL, Redis, real sandbox)", () => {
  let rig: QueueRig;
  let api: RunningServer;
  let auth: Record<string, string>;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await rig.call<T>(method, path, body)).body;
  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => api.database.pool.query<T>(text, params).then((r) => r.rows);

  beforeAll(async () => {
    rig = await startQueueRig({ workers: 2, sandbox: { strictGrants: true }, env: { FLUXO_BTG_REFRESH_PER_HOUR: "10" } });
    ({ api, auth } = rig);
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("20 executions on two workers with the token about to expire: one refresh, every balance read (strict sandbox)", async () => {
    const connection = await call<Connection>("POST", "/api/connections", {
      connector: "btg-id",
      name: "BTG conta",
      values: { authentication: "authorization_code", clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: rig.sandbox.url, scopes: SCOPES },
    });
    const { authorizationUrl } = await call<{ authorizationUrl: string }>("POST", `/api/connections/${connection.id}/oauth/authorize`);
    const callback = await completeAuthorization(authorizationUrl);
    const back = await fetch(`${api.url}${callback.pathname}${callback.search}`, { redirect: "manual", headers: auth });
    expect(back.headers.get("location")).toBe(`/conexoes?conexao=${connection.id}&oauth=conectado`);

    const steps = [{ id: "saldo", connector: "btg-id", operation: "call-api", connectionId: connection.id, parameters: { method: "GET", path: BALANCE_PATH } }];
    const flow = await call<Flow>("POST", "/api/flows", { name: "saldo", definition: { steps, edges: [{ source: "trigger", target: "saldo" }] } });
    await sql(`UPDATE "OAuthGrant" SET "accessExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE "connectionId" = $1`, [connection.id]);

    const ids = await Promise.all(Array.from({ length: 20 }, async () => (await call<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).executionId));
    const executions = await Promise.all(
      ids.map(async (id) => {
        await readEventStream(`${api.url}/api/executions/${id}/events`, undefined, auth);
        return call<Execution>("GET", `/api/executions/${id}`);
      }),
    );
    expect(executions.map((e) => e.status)).toEqual(Array(20).fill("succeeded"));
    expect(executions.every((e) => (e.steps[0]!.output?.body as { accountId?: string }).accountId === "001")).toBe(true);
    const [{ n }] = (await sql<{ n: string }>(`SELECT count(*) AS n FROM "OAuthRefresh" WHERE "connectionId" = $1`, [connection.id])) as [{ n: string }];
    expect(Number(n)).toBe(1);
  }, 120_000);
});
