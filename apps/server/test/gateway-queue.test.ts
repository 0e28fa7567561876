import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, Flow, Problem } from "@fluxo/contracts";
import type { RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/**
 * The gateway's …/sync in queue mode: the API process only enqueues, a worker process runs the
 * execution, and the API learns it finished through Redis — the answer is still the step's result.
 */
describe("gateway …/sync in queue mode (a worker process, the machine's Redis)", () => {
  let rig: QueueRig;
  let api: RunningServer;
  let key: string;

  const call = <T>(method: string, path: string, body?: unknown) => rig.call<T>(method, path, body);

  /** A flow with one BTG-ID step on `connection`, published under `slug`. */
  async function publishedFlow(slug: string, connectionId: string): Promise<Flow> {
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    const flow = await call<Flow>("POST", "/api/flows", { name: slug, slug, definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } });
    expect(flow.status).toBe(201);
    expect((await call("POST", `/api/flows/${flow.body.id}/publish`, { note: "fila" })).status).toBe(201);
    return flow.body;
  }

  beforeAll(async () => {
    rig = await startQueueRig({ apiEnv: { FLUXO_GATEWAY_SYNC_TIMEOUT_MS: "20000" } });
    api = rig.api;
    key = (await call<{ key: string }>("POST", "/api/api-keys", { name: "fila" })).body.key;
    const good = await rig.createConnection();
    const wrong = await rig.createConnection({ clientSecret: "wrong-secret" }, "BTG errado");
    await publishedFlow("token-na-fila", good.id);
    await publishedFlow("falha-na-fila", wrong.id);
    await rig.startWorkers(1);
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("answers 200 with BTG's token response, run by the worker", async () => {
    const res = await fetch(`${api.url}/gateway/flows/token-na-fila/sync`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; authorization_details: unknown[] };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.access_token.split(".")).toHaveLength(3);
    expect(body.authorization_details).toEqual(AUTHORIZATION_DETAILS);
    const executionId = res.headers.get("x-fluxo-execution-id")!;
    const execution = await call<Execution>("GET", `/api/executions/${executionId}`);
    expect(execution.body).toMatchObject({ status: "succeeded", triggerSource: "gateway", draft: false, flowVersion: 1 });
    expect(rig.workers[0]!.output()).not.toContain("demo-secret");
  });

  it("answers 502 naming the step and BTG's error when the step fails", async () => {
    const res = await fetch(`${api.url}/gateway/flows/falha-na-fila/sync?key=${key}`);
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status: 502, stepId: "credentials", failedStepId: "credentials", error: { kind: "http_error", status: 401, code: "invalid_client" } });
    expect(problem.executionId).toBe(res.headers.get("x-fluxo-execution-id"));
    expect(JSON.stringify(problem)).not.toContain("wrong-secret");
  });
});
