import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Execution, ExecutionSummary, Flow, FlowListItem, Page, Problem, StepTestResult } from "@fluxo/contracts";
import { startTestApp, type TestApp } from "./harness.js";
import { accountCredentialsStep, BALANCE_PATH, SCOPES } from "./sandbox-account.js";


/**
 * The debugging loop through the API, against the real PostgreSQL and the sandbox: a flow whose
 * step 2 has a bad URL fails; the URL is fixed in the draft and the run continues from the failed
 * step without sending the input again, step 1 (the token) copied, not run; one step tested alone.
 */
describe("re-runs and step tests (PostgreSQL, real sandbox over HTTP)", () => {
  let app: TestApp;
  let connection: Connection;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    connection = await app.createConnection();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const credentials = () => accountCredentialsStep(connection.id);

  const balance = (path: string) => ({
    id: "balance",
    connector: "http",
    operation: "request",
    connectionId: null,
    parameters: { method: "GET", url: `${app.sandbox.url}/api${path}`, headers: [{ name: "Authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }] },
    retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 },
    position: { x: 600, y: 120 },
  });
  const report = () => ({
    id: "report",
    connector: "transform",
    operation: "map",
    connectionId: null,
    parameters: { fields: [{ name: "trace", value: "{{ .input.body.trace }}" }, { name: "available", value: "{{ .steps.balance.body.available }}" }] },
    position: { x: 900, y: 120 },
  });
  const chain = (steps: ({ id: string } & Record<string, unknown>)[]) => ({ steps, edges: steps.map((s, i) => ({ source: i === 0 ? "trigger" : steps[i - 1]!.id, target: s.id })) });

  async function createFlow(steps: ({ id: string } & Record<string, unknown>)[]): Promise<Flow> {
    const created = await app.api<Flow>("POST", "/api/flows", { name: `Depurar ${Math.random()}`, description: "", definition: chain(steps) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  }
  async function run(flowId: string, body: unknown): Promise<Execution> {
    const started = await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, { input: { body } });
    expect(started.status).toBe(202);
    return app.waitForExecution(started.body.executionId);
  }
  async function rerun(id: string, from: string, headers?: Record<string, string>): Promise<Execution> {
    const started = await app.api<{ executionId: string }>("POST", `/api/executions/${id}/rerun`, { from }, headers);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return app.waitForExecution(started.body.executionId);
  }
  const statuses = (execution: Execution) => execution.steps.map((s) => `${s.stepId}:${s.status}${s.reused ? " (reused)" : ""}`);
  const step = (execution: Execution, id: string) => execution.steps.find((s) => s.stepId === id)!;

  it("fixes a failed step in the draft and continues from it: the token step is copied (sealed as before), the input isn't sent again, and both executions link", async () => {
    const flow = await createFlow([credentials(), balance("/wrong/path"), report()]);
    const failed = await run(flow.id, { trace: "t-77" });
    expect(statuses(failed)).toEqual(["credentials:succeeded", "balance:failed", "report:skipped"]);

    // The same fault again: step 1 copied, step 2 fails as before.
    const again = await rerun(failed.id, "failed");
    expect(statuses(again)).toEqual(["credentials:succeeded (reused)", "balance:failed", "report:skipped"]);

    const fixed = { ...flow.definition, steps: flow.definition.steps.map((s) => (s.id === "balance" ? { ...s, parameters: { ...s.parameters, url: `${app.sandbox.url}/api${BALANCE_PATH}` } } : s)) };
    expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: fixed })).status).toBe(200);
    const continued = await rerun(failed.id, "failed");
    expect(continued.status).toBe("succeeded");
    expect(statuses(continued)).toEqual(["credentials:succeeded (reused)", "balance:succeeded", "report:succeeded"]);
    expect(continued.input).toEqual(failed.input);
    expect(step(continued, "report").output?.body).toEqual({ trace: "t-77", available: 152340.75 });
    expect(step(continued, "credentials")).toMatchObject({ durationMs: 0, input: step(failed, "credentials").input, output: step(failed, "credentials").output });

    // The copied token is the original's, sealed at rest (only the reveal endpoint opens it), and shown unsigned.
    const token = async (id: string) => (await app.api<{ access_token: string }>("GET", `/api/executions/${id}/steps/credentials/token`)).body.access_token;
    expect(await token(continued.id)).toBe(await token(failed.id));
    expect(JSON.stringify(continued)).not.toContain((await token(failed.id)).split(".")[2]);
    expect(step(continued, "balance").input).toMatchObject({ headers: [{ name: "Authorization", value: "[redacted]" }] });

    // Linked both ways.
    expect(continued.rerunOf).toEqual({ id: failed.id, from: "failed" });
    const original = (await app.api<Execution>("GET", `/api/executions/${failed.id}`)).body;
    expect(original.reruns.map((r) => [r.id, r.from, r.status])).toEqual([
      [again.id, "failed", "failed"],
      [continued.id, "failed", "succeeded"],
    ]);

    // Nothing failed in the continued run: from failed is refused, from start runs everything again.
    const refused = await app.api<Problem>("POST", `/api/executions/${continued.id}/rerun`, { from: "failed" });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.detail).toContain("não tem passo com falha");
    expect(refused.body.detail).toContain('"from": "start"');
    const fromStart = await rerun(continued.id, "start");
    expect(statuses(fromStart)).toEqual(["credentials:succeeded", "balance:succeeded", "report:succeeded"]);
    expect(fromStart.rerunOf).toEqual({ id: continued.id, from: "start" });
    expect(step(fromStart, "report").output?.body).toEqual({ trace: "t-77", available: 152340.75 });
  });

  it("runs a step changed before the failed one again, and everything after it", async () => {
    const flow = await createFlow([credentials(), balance("/wrong/path")]);
    const failed = await run(flow.id, {});
    const changed = chain([{ ...credentials(), parameters: { ...credentials().parameters, scope: `${SCOPES} ` } }, balance(BALANCE_PATH)]);
    expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: changed })).status).toBe(200);
    const continued = await rerun(failed.id, "failed");
    expect(statuses(continued)).toEqual(["credentials:succeeded", "balance:succeeded"]);
  });

  it("answers 422 for a bad body, 404 for an unknown execution, and takes API keys", async () => {
    const flow = await createFlow([credentials(), balance("/wrong/path")]);
    const failed = await run(flow.id, {});
    const bad = await app.api<Problem>("POST", `/api/executions/${failed.id}/rerun`, { from: "middle" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(["from"]);
    expect((await app.api<Problem>("POST", `/api/executions/${failed.id}/rerun`, {})).body.errors?.map((e) => e.path)).toEqual(["from"]);
    expect((await app.api("POST", "/api/executions/00000000-0000-4000-8000-000000000000/rerun", { from: "start" })).status).toBe(404);

    const key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: `rerun ${Math.random()}` })).body.key;
    const byKey = await rerun(failed.id, "failed", { authorization: `Bearer ${key}` });
    expect(byKey.triggerSource).toBe("api");
    expect(statuses(byKey)).toEqual(["credentials:succeeded (reused)", "balance:failed"]);
    const tested = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/credentials/test`, {}, { authorization: `Bearer ${key}` });
    expect(tested.status).toBe(200);
  });

  it("re-runs a gateway run on the version it ran, not the draft", async () => {
    const flow = await createFlow([credentials(), balance("/wrong/path")]);
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "v1" })).status).toBe(201);
    const key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: `gw ${Math.random()}` })).body.key;
    const called = await fetch(`${app.url}/gateway/flows/${flow.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    const { executionId } = (await called.json()) as { executionId: string };
    const gatewayRun = await app.waitForExecution(executionId);
    expect(gatewayRun.status).toBe("failed");
    // The draft moves on (fixed), and a version 2 is published: the re-run still runs version 1.
    expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: chain([credentials(), balance(BALANCE_PATH)]) })).status).toBe(200);
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "v2" })).status).toBe(201);
    const again = await rerun(gatewayRun.id, "failed");
    expect(again).toMatchObject({ draft: false, flowVersion: 1 });
    expect(statuses(again)).toEqual(["credentials:succeeded (reused)", "balance:failed"]);
  });

  describe("Testar passo", () => {
    it("runs one step of the draft against the last run's input and outputs, kept with source test", async () => {
      const flow = await createFlow([credentials(), balance("/wrong/path"), report()]);
      const failed = await run(flow.id, { trace: "t-9" });
      const fixed = chain([credentials(), balance(BALANCE_PATH), report()]);
      expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: fixed })).status).toBe(200);

      const tested = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/balance/test`);
      expect(tested.status, JSON.stringify(tested.body)).toBe(200);
      expect(tested.body.testedAgainst).toBe(failed.id);
      expect(tested.body.step).toMatchObject({ stepId: "balance", status: "succeeded", attempt: 1, output: { code: 200, body: { available: 152340.75 } }, error: null });
      expect(tested.body.step.durationMs).toBeGreaterThanOrEqual(0);
      expect(tested.body.step.input).toMatchObject({ headers: [{ name: "Authorization", value: "[redacted]" }] });

      const kept = (await app.api<Execution>("GET", `/api/executions/${tested.body.executionId}`)).body;
      expect(kept).toMatchObject({ triggerSource: "test", status: "succeeded", testedAgainst: failed.id, input: failed.input });
      expect(kept.steps.map((s) => s.stepId)).toEqual(["balance"]);
      const history = (await app.api<{ items: Execution[] }>("GET", `/api/flows/${flow.id}/executions`)).body.items;
      expect(history[0]).toMatchObject({ id: kept.id, triggerSource: "test" });

      // The given input wins over the last run's; earlier steps' outputs still come from it.
      const withInput = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/report/test`, { input: { body: { trace: "dado" } } });
      expect(withInput.status, JSON.stringify(withInput.body)).toBe(409); // "balance" failed in the last run
      expect((withInput.body as unknown as Problem & { missingSteps: string[] }).missingSteps).toEqual(["balance"]);
      const own = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/credentials/test`, { input: { body: { trace: "dado" } } });
      expect(own.body.step.status).toBe("succeeded");
      expect((await app.api<Execution>("GET", `/api/executions/${own.body.executionId}`)).body.input.body).toEqual({ trace: "dado" });

      // A failing step answers 200 with its failure: the test ran, the step failed.
      const bad = chain([credentials(), balance("/still/wrong"), report()]);
      expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: bad })).status).toBe(200);
      const failing = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/balance/test`);
      expect(failing.status).toBe(200);
      expect(failing.body.step).toMatchObject({ status: "failed", error: { kind: "http_error", status: 404 } });
    });

    it("doesn't count as the flow's last run on the Fluxos list or the flow (its history still shows it)", async () => {
      const flow = await createFlow([credentials(), balance(BALANCE_PATH)]);
      const succeeded = await run(flow.id, {});
      expect(succeeded.status).toBe("succeeded");
      expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: chain([credentials(), balance("/wrong/path")]) })).status).toBe(200);
      const failing = await app.api<StepTestResult>("POST", `/api/flows/${flow.id}/steps/balance/test`);
      expect(failing.body.step).toMatchObject({ status: "failed" });

      const listed = (await app.api<FlowListItem[]>("GET", "/api/flows")).body.find((f) => f.id === flow.id);
      expect(listed?.lastExecution).toMatchObject({ id: succeeded.id, status: "succeeded", triggerSource: "editor" });
      expect((await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body.lastExecution).toMatchObject({ id: succeeded.id, status: "succeeded" });
      const history = (await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions`)).body.items;
      expect(history.map((e) => [e.id, e.triggerSource])).toEqual([
        [failing.body.executionId, "test"],
        [succeeded.id, "editor"],
      ]);

      // A flow only ever tested step by step has never run.
      const testedOnly = await createFlow([{ ...report(), parameters: { fields: [{ name: "trace", value: "{{ .input.body.trace }}" }] } }]);
      const tested = await app.api<StepTestResult>("POST", `/api/flows/${testedOnly.id}/steps/report/test`, { input: { body: { trace: "t" } } });
      expect(tested.status, JSON.stringify(tested.body)).toBe(200);
      expect((await app.api<FlowListItem[]>("GET", "/api/flows")).body.find((f) => f.id === testedOnly.id)?.lastExecution).toBeNull();
      expect((await app.api<Flow>("GET", `/api/flows/${testedOnly.id}`)).body.lastExecution).toBeNull();
    });

    it("answers 409 naming a step that never ran, 422 naming the step's unfinished field, 404 for an unknown step", async () => {
      const flow = await createFlow([credentials(), balance(BALANCE_PATH)]);
      const never = await app.api<Problem & { missingSteps: string[] }>("POST", `/api/flows/${flow.id}/steps/balance/test`);
      expect(never.status).toBe(409);
      expect(never.body.detail).toContain('"credentials"');
      expect(never.body.detail).toContain("ainda não foi executado");
      expect(never.body.missingSteps).toEqual(["credentials"]);

      const unfinished = chain([credentials(), { ...balance(BALANCE_PATH), parameters: { method: "GET", url: "" } }, { ...report(), parameters: { fields: [{ name: "", value: "" }] } }]);
      expect((await app.api("PUT", `/api/flows/${flow.id}`, { definition: unfinished })).status).toBe(200);
      const refused = await app.api<Problem>("POST", `/api/flows/${flow.id}/steps/balance/test`);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: "definition.steps.1.parameters.url", stepId: "balance" })]);
      expect(refused.body.detail).toContain('testar o passo "balance"');

      expect((await app.api<Problem>("POST", `/api/flows/${flow.id}/steps/nope/test`)).status).toBe(404);
      expect((await app.api<Problem>("POST", `/api/flows/${flow.id}/steps/credentials/test`, { input: "x" })).status).toBe(422);
    });

    it("tests the built-in steps alone: a Condition says which way, a Loop resolves its items without running its branch", async () => {
      const condition = { id: "big", connector: "condition", operation: "if", connectionId: null, parameters: { conditions: [{ type: "number", left: "{{ len .input.body.items }}", operator: "greaterThan", right: "1" }], combine: "and" }, position: { x: 0, y: 0 } };
      const loop = { id: "each", connector: "loop", operation: "for-each", connectionId: null, parameters: { items: "{{ .input.body.items }}" }, position: { x: 0, y: 0 } };
      const line = { ...report(), id: "line", parameters: { fields: [{ name: "n", value: "{{ .steps.each.body.item }}" }] } };
      const summary = { ...report(), id: "summary", parameters: { fields: [{ name: "linhas", value: "{{ .steps.each.body.results }}" }] } };
      const created = await app.api<Flow>("POST", "/api/flows", {
        name: `Blocos ${Math.random()}`,
        description: "",
        definition: {
          steps: [condition, loop, line, summary],
          edges: [{ source: "trigger", target: "big" }, { source: "big", target: "each", port: "true" }, { source: "each", target: "line", port: "each" }, { source: "each", target: "summary", port: "done" }],
        },
      });
      const input = { body: { items: [3, 4, 5] } };
      const cond = await app.api<StepTestResult>("POST", `/api/flows/${created.body.id}/steps/big/test`, { input });
      expect(cond.body.step).toMatchObject({ status: "succeeded", output: { body: { result: true } } });
      const looped = await app.api<StepTestResult>("POST", `/api/flows/${created.body.id}/steps/each/test`, { input });
      expect(looped.body.step).toMatchObject({ status: "succeeded", input: { items: [3, 4, 5] }, output: { body: { count: 3 } } });
      const kept = (await app.api<Execution>("GET", `/api/executions/${looped.body.executionId}`)).body;
      expect(kept.steps.map((s) => s.stepId)).toEqual(["each"]);

      // A step of the Loop's branch, tested after a run, sees the Loop's first item.
      expect((await app.api("POST", `/api/flows/${created.body.id}/executions/sync`, { input })).status).toBe(200);
      const branchStep = await app.api<StepTestResult>("POST", `/api/flows/${created.body.id}/steps/line/test`);
      expect(branchStep.body.step).toMatchObject({ status: "succeeded", output: { body: { n: 3 } } });
      // A step after the Loop sees every pass's result, as it did in the run.
      const after = await app.api<StepTestResult>("POST", `/api/flows/${created.body.id}/steps/summary/test`);
      expect(after.body.step).toMatchObject({ status: "succeeded", output: { body: { linhas: [{ n: 3 }, { n: 4 }, { n: 5 }] } } });
    });
  });
});
