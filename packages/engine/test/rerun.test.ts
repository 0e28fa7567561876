import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "@fluxo/connectors";
import type { ExecutionEvent, FlowDefinition, FlowEdge, FlowStep, StepResult } from "@fluxo/contracts";
import { reuseKey, runExecution, type ExecutionChange, type ReusableRun, type RunExecutionRequest, type StepRunRecord } from "../src/index.js";

/** A service that counts the calls it gets per path and fails the paths listed in `failing`. */
function countingService() {
  const hits = new Map<string, number>();
  const failing = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.writeHead(failing.has(path) ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ path, call: hits.get(path) }));
  });
  return { hits, failing, server };
}

function memory() {
  const changes: ExecutionChange[] = [];
  const events: ExecutionEvent[] = [];
  return {
    events,
    store: { apply: async (change: ExecutionChange, stored: readonly ExecutionEvent[]) => void (changes.push(change), events.push(...stored)) },
    runs: (): StepRunRecord[] => changes.flatMap((c) => (c.kind === "step.finished" ? [c.run] : [])),
    statuses: (): string[] => events.filter((e) => e.stepId && e.type !== "step.started" && e.type !== "step.progress").map((e) => `${e.stepId}${e.iteration ? `#${e.iteration}` : ""}:${e.status}${e.reused ? " (reused)" : ""}`),
  };
}

const NO_RETRY = { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 };
const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>): FlowStep => ({ id, connector, operation, connectionId: null, description: "", parameters, position: { x: 0, y: 0 }, retry: NO_RETRY });
const get = (id: string, url: string) => step(id, "http", "request", { method: "GET", url, bodyType: "none" });
const transform = (id: string, fields: Record<string, string>) => step(id, "transform", "map", { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) });
const edge = (source: string, target: string, port?: string): FlowEdge => ({ source, target, ...(port ? { port } : {}) });
const flow = (steps: FlowStep[], edges: FlowEdge[]): FlowDefinition => ({ trigger: { position: { x: 0, y: 0 } }, steps, edges });
const input = { body: { items: [1, 2, 3] }, headers: {}, query_params: {} };

/** What the server builds from a failed execution's record: its succeeded step passes, with the steps as they ran. */
function reuseOf(definition: FlowDefinition, runs: StepRunRecord[]): Map<string, ReusableRun> {
  const steps = new Map(definition.steps.map((s) => [s.id, s]));
  return new Map(
    runs
      .filter((r) => r.error === null && r.output !== null)
      .map((r) => [reuseKey(r.stepId, r.iteration), { step: steps.get(r.stepId)!, attempt: r.attempt, input: r.input, output: r.output as StepResult, http: r.http, route: r.route ?? null }]),
  );
}

describe("re-run from the failed step", () => {
  const service = countingService();
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => service.server.close(() => resolve())));
  beforeEach(() => {
    service.hits.clear();
    service.failing.clear();
  });

  const run = async (request: Omit<RunExecutionRequest, "executionId" | "input">) => {
    const mem = memory();
    const outcome = await runExecution({ executionId: "e", input, ...request }, { store: mem.store, events: { publish: () => undefined }, http: createHttpClient(), clock: { now: () => new Date() }, loadConnection: async () => null });
    return { outcome, mem };
  };

  it("copies the steps that succeeded before the failed one, without calling them, and goes on from the failed step", async () => {
    const broken = flow([get("first", `${base}/first`), get("second", `${base}/missing`), transform("report", { first: "{{ .steps.first.body.call }}", second: "{{ .steps.second.body.path }}" })], [edge("trigger", "first"), edge("first", "second"), edge("second", "report")]);
    service.failing.add("/missing");
    const original = await run({ definition: broken });
    expect(original.outcome.status).toBe("failed");

    // The person fixes step 2's URL in the draft, then continues from it.
    const fixed = flow([broken.steps[0]!, get("second", `${base}/second`), broken.steps[2]!], broken.edges);
    const rerun = await run({ definition: fixed, reuse: reuseOf(broken, original.mem.runs()) });
    expect(rerun.outcome.status).toBe("succeeded");
    expect(rerun.mem.statuses()).toEqual(["first:succeeded (reused)", "second:succeeded", "report:succeeded"]);
    expect(service.hits.get("/first")).toBe(1);
    expect(rerun.outcome.results["report"]!.body).toEqual({ first: 1, second: "/second" });
    const reused = rerun.mem.runs().find((r) => r.stepId === "first")!;
    expect(reused).toMatchObject({ reused: true, durationMs: 0, output: original.mem.runs()[0]!.output, input: original.mem.runs()[0]!.input });
    expect(rerun.mem.runs().find((r) => r.stepId === "second")!.reused).toBeUndefined();
  });

  it("runs a step again when it changed since the failed run, and everything after it", async () => {
    const broken = flow([get("first", `${base}/first`), get("second", `${base}/missing`)], [edge("trigger", "first"), edge("first", "second")]);
    service.failing.add("/missing");
    const original = await run({ definition: broken });
    const changed = flow([get("first", `${base}/first-changed`), get("second", `${base}/second`)], broken.edges);
    const rerun = await run({ definition: changed, reuse: reuseOf(broken, original.mem.runs()) });
    expect(rerun.mem.statuses()).toEqual(["first:succeeded", "second:succeeded"]);
    expect(service.hits.get("/first-changed")).toBe(1);
  });

  it("resumes a Loop at the failed pass: earlier passes and the Loop's items are copied, and the end result is a full run's", async () => {
    const definition = flow(
      [step("each", "loop", "for-each", { items: "{{ .input.body.items }}" }), get("fetch", `${base}/item/{{ .steps.each.body.item }}`), transform("total", { results: "{{ .steps.each.body.results | toJson }}" })],
      [edge("trigger", "each"), edge("each", "fetch", "each"), edge("each", "total", "done")],
    );
    service.failing.add("/item/2");
    const original = await run({ definition });
    expect(original.outcome.status).toBe("failed");
    expect(original.mem.statuses()).toEqual(["each:succeeded", "fetch:succeeded", "fetch#1:failed", "total:skipped"]);

    service.failing.clear(); // the service is fixed; the flow isn't changed
    const rerun = await run({ definition, reuse: reuseOf(definition, original.mem.runs()) });
    expect(rerun.outcome.status).toBe("succeeded");
    expect(rerun.mem.statuses()).toEqual(["each:succeeded (reused)", "fetch:succeeded (reused)", "fetch#1:succeeded", "fetch#2:succeeded", "total:succeeded"]);
    expect([...service.hits.entries()]).toEqual([
      ["/item/1", 1],
      ["/item/2", 2],
      ["/item/3", 1],
    ]);

    // What a full run on the fixed service gives (fresh calls count one more for /item/1 and /item/2).
    service.hits.clear();
    const full = await run({ definition });
    const bodies = (results: Record<string, StepResult>) => (results["each"]!.body as { results: { path: string }[] }).results.map((r) => r.path);
    expect(bodies(rerun.outcome.results)).toEqual(bodies(full.outcome.results));
    expect(rerun.outcome.results["each"]!.body).toMatchObject({ count: 3 });
  });

  it("follows a reused Condition's recorded port, skipping the other branch as the failed run did", async () => {
    const definition = flow(
      [
        step("big", "condition", "if", { conditions: [{ type: "number", left: "{{ len .input.body.items }}", operator: "greaterThan", right: "2" }], combine: "and" }),
        get("yes", `${base}/yes`),
        get("no", `${base}/no`),
      ],
      [edge("trigger", "big"), edge("big", "yes", "true"), edge("big", "no", "false")],
    );
    service.failing.add("/yes");
    const original = await run({ definition });
    expect(original.mem.runs()[0]!.route).toEqual({ follow: ["true"] });
    service.failing.clear();
    const rerun = await run({ definition, reuse: reuseOf(definition, original.mem.runs()) });
    expect(rerun.mem.statuses()).toEqual(["big:succeeded (reused)", "yes:succeeded", "no:skipped"]);
  });

  it("runs a step with ports again when the earlier run recorded no route (stored before routes were)", async () => {
    const definition = flow([step("each", "loop", "for-each", { items: "2" }), transform("t", { i: "{{ .steps.each.body.item }}" })], [edge("trigger", "each"), edge("each", "t", "each")]);
    const original = await run({ definition });
    const reuse = new Map([...reuseOf(definition, original.mem.runs())].map(([key, prior]) => [key, { ...prior, route: null }]));
    const rerun = await run({ definition, reuse });
    expect(rerun.mem.statuses()).toEqual(["each:succeeded", "t:succeeded", "t#1:succeeded"]);
  });
});

describe("seeded results (a step tested against an earlier run)", () => {
  it("lets the step's expressions read the seeded outputs", async () => {
    const mem = memory();
    const definition = flow([transform("report", { token: "{{ .steps.first.body.access_token }}", n: "{{ .steps.first.body.n }}" })], [edge("trigger", "report")]);
    const outcome = await runExecution(
      { executionId: "t", definition, input, seed: { first: { code: 200, headers: {}, body: { n: 7, access_token: "tok-secret-value" } } } },
      { store: mem.store, events: { publish: () => undefined }, http: createHttpClient(), clock: { now: () => new Date() }, loadConnection: async () => null },
    );
    expect(outcome.status).toBe("succeeded");
    expect(outcome.results["report"]!.body).toEqual({ token: "tok-secret-value", n: 7 });
    // The record masks a credential an earlier step obtained, seeded or not.
    expect(JSON.stringify(mem.runs()[0]!.input)).not.toContain("tok-secret-value");
  });
});
