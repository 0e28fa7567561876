import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@fluxo/btg-id-sandbox";
import type { Execution, ExecutionSummary, Flow } from "@fluxo/contracts";
import { createLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, openSse, readEventStream, readSse } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/** Queue mode end to end: the API in this process, workers as real child processes, the machine's Redis. */
describe("queue mode", () => {
  let rig: QueueRig;
  let sandbox: Sandbox;
  let api: RunningServer;
  let flowId: string;
  let uncachedFlowId: string;
  let auth: Record<string, string>;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await rig.call<T>(method, path, body)).body;
  const trigger = async (flow = flowId) => (await call<{ executionId: string }>("POST", `/api/flows/${flow}/executions`, {})).executionId;
  const finished = async (id: string) => {
    const events = await readEventStream(`${api.url}/api/executions/${id}/events`, undefined, auth);
    return { events, execution: await call<Execution>("GET", `/api/executions/${id}`) };
  };

  beforeAll(async () => {
    // A short lock so a killed worker's job is noticed in seconds, not the default 30.
    rig = await startQueueRig({ env: { FLUXO_QUEUE_LOCK_MS: "2000" } });
    ({ sandbox, api, auth } = rig);
    const connection = await rig.createConnection();
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    flowId = (await call<Flow>("POST", "/api/flows", { name: "fila", definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } })).id;
    // A reused token would finish the step at once; the worker must die while the step waits on the sandbox.
    const uncached = steps.map((s) => ({ ...s, parameters: { ...s.parameters, reuseToken: false } }));
    uncachedFlowId = (await call<Flow>("POST", "/api/flows", { name: "sem cache", definition: { steps: uncached, edges: [{ source: "trigger", target: "credentials" }] } })).id;
    await rig.startWorkers(1);
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("a worker process runs the execution; its live events reach this API's SSE stream through Redis", async () => {
    sandbox.setLatency(300);
    try {
      const id = await trigger();
      const live = await readSse(`${api.url}/api/executions/${id}/events`, { headers: auth });
      expect(live.map((m) => m.event)).toEqual(["execution.started", "step.started", "step.succeeded", "execution.finished"]);
      expect(live.map((m) => m.id)).toEqual(["1", "2", "3", "4"]);
      const execution = await call<Execution>("GET", `/api/executions/${id}`);
      expect(execution.status).toBe("succeeded");
      expect(execution.steps[0]!.attempts).toHaveLength(1);
    } finally {
      sandbox.setLatency(0);
    }
  });

  it("a flow's history stream on another API instance hears of an execution created here and run by a worker, through Redis", async () => {
    // A second API instance: the browser's stream is held there, the run is triggered here.
    const other = await startServer(rig.config, createLogger("silent"));
    sandbox.setLatency(300);
    const stream = await openSse(`${other.url}/api/flows/${flowId}/executions/stream`, auth);
    try {
      expect(stream.status).toBe(200);
      const id = await trigger();
      const seen: ExecutionSummary[] = [];
      while (seen.at(-1)?.status !== "succeeded") seen.push(...(await stream.take(1)).map((m) => JSON.parse(m.data) as ExecutionSummary));
      expect(seen.every((s) => s.id === id && s.flowId === flowId && s.triggerSource === "editor")).toBe(true);
      // Created, then (unless the worker was quicker than the subscription) running, then finished: never backwards.
      expect(seen.map((s) => s.status)).toEqual(seen.length === 3 ? ["queued", "running", "succeeded"] : ["queued", "succeeded"]);
      const execution = await call<Execution>("GET", `/api/executions/${id}`);
      expect(seen.at(-1)).toMatchObject({ status: "succeeded", startedAt: execution.startedAt, finishedAt: execution.finishedAt, durationMs: execution.durationMs });
    } finally {
      stream.close();
      sandbox.setLatency(0);
      await other.close();
    }
  }, 60_000);

  it("workers share one sealed token cache in Redis: one token for many executions, never stored in clear", async () => {
    const before = sandbox.stats().tokensIssued;
    const ids = await Promise.all(Array.from({ length: 8 }, () => trigger()));
    const runs = await Promise.all(ids.map(finished));
    expect(runs.every((r) => r.execution.status === "succeeded")).toBe(true);
    expect(sandbox.stats().tokensIssued - before).toBeLessThanOrEqual(1);
    const outputs = runs.map((r) => r.execution.steps[0]!.output!);
    expect(outputs.every((o) => o.cache?.hit === true)).toBe(true);
    const token = (outputs[0]!.body as { access_token: string }).access_token;
    const keys = await rig.redis.keys(`${rig.prefix}:result-cache:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const value = (await rig.redis.get(key)) ?? "";
      expect(value).not.toContain(token);
      expect(value).not.toContain("demo-secret");
      expect(key).not.toContain("demo");
    }
  });

  it("a worker killed mid-execution leaves it re-run by another worker (or failed), never stuck in running", async () => {
    sandbox.setLatency(4000);
    const id = await trigger(uncachedFlowId);
    const first = await readSse(`${api.url}/api/executions/${id}/events`, { stopAfter: 2, headers: auth });
    expect(first.map((m) => m.event)).toEqual(["execution.started", "step.started"]);
    await rig.workers[0]!.kill("SIGKILL");
    sandbox.setLatency(0);
    await rig.startWorkers(1);

    const { events, execution } = await finished(id);
    expect(["succeeded", "failed"]).toContain(execution.status);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: "execution.finished" });
    if (execution.status === "succeeded") {
      // Run again from the start, its events continuing after the ones the dead worker stored.
      expect(events.filter((e) => e.type === "execution.started")).toHaveLength(2);
      expect(execution.steps[0]!.status).toBe("succeeded");
    }
    const running = await api.database.prisma.execution.count({ where: { status: { in: ["running", "queued"] } } });
    expect(running).toBe(0);
  }, 60_000);

  it("a worker continues a re-run from the failed step with the copied runs it reads back, and tests a step against the last run", async () => {
    const flow = await call<Flow>("GET", `/api/flows/${flowId}`);
    const http = (url: string) => ({ id: "balance", connector: "http", operation: "request", connectionId: null, retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 }, parameters: { method: "GET", url, headers: [{ name: "Authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }] } });
    const definition = (url: string) => ({ steps: [flow.definition.steps[0]!, http(url)], edges: [{ source: "trigger", target: "credentials" }, { source: "credentials", target: "balance" }] });
    const created = await call<Flow>("POST", "/api/flows", { name: "fila depurar", definition: definition(`${sandbox.url}/api/wrong`) });
    const failed = await finished(await trigger(created.id));
    expect(failed.execution.steps.map((s) => s.status)).toEqual(["succeeded", "failed"]);

    await call("PUT", `/api/flows/${created.id}`, { definition: definition(`${sandbox.url}/api/12345678/banking/accounts/001/balance`) });
    const { executionId } = await call<{ executionId: string }>("POST", `/api/executions/${failed.execution.id}/rerun`, { from: "failed" });
    const { execution } = await finished(executionId);
    expect(execution.status).toBe("failed"); // the token's authorization_details don't cover the balance: the sandbox answers 403…
    expect(execution.steps.map((s) => `${s.stepId}:${s.status}${s.reused ? " (reused)" : ""}`)).toEqual(["credentials:succeeded (reused)", "balance:failed"]);
    expect(execution.steps[1]!.error).toMatchObject({ status: 403 }); // …which proves the worker sent the copied token (no token: 401)
    expect(execution.rerunOf).toEqual({ id: failed.execution.id, from: "failed" });

    const tested = await call<{ step: { status: string; error: { status?: number } | null }; testedAgainst: string }>("POST", `/api/flows/${created.id}/steps/balance/test`, {});
    expect(tested.testedAgainst).toBe(executionId);
    expect(tested.step.error?.status).toBe(403);
  }, 60_000);
});
