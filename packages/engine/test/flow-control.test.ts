import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { createHttpClient } from "@fluxo/connectors";
import type { ExecutionEvent, FlowDefinition, FlowEdge, FlowStep } from "@fluxo/contracts";
import { findInvalidDefinition, runExecution, validateFlowDefinition, type EngineLimits, type ExecutionChange, type StepRunRecord } from "../src/index.js";

function memory() {
  const changes: ExecutionChange[] = [];
  const events: ExecutionEvent[] = [];
  return {
    changes,
    events,
    store: { apply: async (change: ExecutionChange, stored: readonly ExecutionEvent[]) => void (changes.push(change), events.push(...stored)) },
    sink: { publish: () => undefined },
    /** Each finished run, `id` or `id#iteration`. */
    runs(): StepRunRecord[] {
      return changes.flatMap((c) => (c.kind === "step.finished" ? [c.run] : []));
    },
    statuses(): string[] {
      return events.filter((e) => e.stepId && e.type !== "step.started" && e.type !== "step.progress").map((e) => `${e.stepId}${e.iteration ? `#${e.iteration}` : ""}:${e.status}`);
    },
  };
}

const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>, extra: Partial<FlowStep> = {}): FlowStep => ({
  id,
  connector,
  operation,
  connectionId: null,
  description: "",
  parameters,
  position: { x: 0, y: 0 },
  ...extra,
});
const condition = (id: string, left: string, operator: string, right: string, type = "number") => step(id, "condition", "if", { conditions: [{ type, left, operator, right }], combine: "and" });
const transform = (id: string, fields: Record<string, string>, extra: Partial<FlowStep> = {}) =>
  step(id, "transform", "map", { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) }, extra);
const loop = (id: string, items: string) => step(id, "loop", "for-each", { items });
const edge = (source: string, target: string, port?: string): FlowEdge => ({ source, target, ...(port ? { port } : {}) });
const flow = (steps: FlowStep[], edges: FlowEdge[]): FlowDefinition => ({ trigger: { position: { x: 0, y: 0 } }, steps, edges });
const input = (body: unknown) => ({ body, headers: {}, query_params: {} });

describe("flow control", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const run = async (definition: FlowDefinition, body: unknown, limits?: Partial<EngineLimits>) => {
    expect(validateFlowDefinition(definition, { connections: new Map() })).toEqual([]);
    const mem = memory();
    const outcome = await runExecution(
      { executionId: "e1", definition, input: input(body) },
      { store: mem.store, events: mem.sink, http: createHttpClient(), clock: { now: () => new Date() }, loadConnection: async () => null, ...(limits ? { limits } : {}) },
    );
    return { outcome, mem };
  };

  const branching = flow(
    [
      condition("big", "{{ .input.body.amount }}", "greaterThan", "100"),
      transform("approve", { decision: "manual" }),
      transform("notify", { to: "{{ .steps.approve.body.decision }}" }),
      transform("auto", { decision: "auto" }),
      transform("end", { done: "true" }),
    ],
    [edge("trigger", "big"), edge("big", "approve", "true"), edge("approve", "notify"), edge("big", "auto", "false"), edge("notify", "end"), edge("auto", "end")],
  );

  it("follows the true port and skips what only the false one reaches", async () => {
    const { outcome, mem } = await run(branching, { amount: 150 });
    expect(outcome.status).toBe("succeeded");
    expect(outcome.results["big"]!.body).toEqual({ result: true });
    expect(mem.statuses()).toEqual(["big:succeeded", "approve:succeeded", "notify:succeeded", "auto:skipped", "end:succeeded"]);
    expect(outcome.results["notify"]!.body).toEqual({ to: "manual" });
  });

  it("follows the false port and skips the true branch, including what comes after it", async () => {
    const { outcome, mem } = await run(branching, { amount: 50 });
    expect(outcome.status).toBe("succeeded");
    expect(mem.statuses()).toEqual(["big:succeeded", "approve:skipped", "notify:skipped", "auto:succeeded", "end:succeeded"]);
  });

  it("fails the condition naming the field and the value that isn't a number", async () => {
    const { outcome, mem } = await run(branching, { amount: "muito" });
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toContain('passo "big"');
    expect(outcome.error?.message).toContain('conditions.0.left: "muito" não é número');
    expect(mem.statuses().slice(1)).toEqual(["approve:skipped", "notify:skipped", "auto:skipped", "end:skipped"]);
  });

  const overList = flow(
    [
      loop("each_order", "{{ .input.body.orders }}"),
      transform("line", { "order.id": "{{ .steps.each_order.body.item.id }}", "order.position": "{{ .steps.each_order.body.index }}" }),
      transform("summary", { lines: "{{ .steps.each_order.body.results }}", count: "{{ .steps.each_order.body.count }}" }),
    ],
    [edge("trigger", "each_order"), edge("each_order", "line", "each"), edge("each_order", "summary", "done")],
  );

  it("runs the each branch once per item in order, recording every pass, then done with the results", async () => {
    const { outcome, mem } = await run(overList, { orders: [{ id: "a" }, { id: "b" }, { id: "c" }] });
    expect(outcome.status).toBe("succeeded");
    expect(mem.statuses()).toEqual(["each_order:succeeded", "line:succeeded", "line#1:succeeded", "line#2:succeeded", "summary:succeeded"]);
    expect(mem.runs().filter((r) => r.stepId === "line").map((r) => [r.iteration, r.output?.body])).toEqual([
      [0, { order: { id: "a", position: 0 } }],
      [1, { order: { id: "b", position: 1 } }],
      [2, { order: { id: "c", position: 2 } }],
    ]);
    // A single expression keeps its JSON type: the list stays a list, the count a number.
    expect(outcome.results["summary"]!.body).toEqual({
      lines: [{ order: { id: "a", position: 0 } }, { order: { id: "b", position: 1 } }, { order: { id: "c", position: 2 } }],
      count: 3,
    });
  });

  it("says how far a loop got after each pass: its success announces the total, each pass one more done", async () => {
    const { mem } = await run(overList, { orders: [{ id: "a" }, { id: "b" }, { id: "c" }] });
    const progress = mem.events.filter((e) => e.stepId === "each_order" && e.progress).map((e) => [e.type, e.progress]);
    expect(progress).toEqual([
      ["step.succeeded", { done: 0, total: 3 }],
      ["step.progress", { done: 1, total: 3 }],
      ["step.progress", { done: 2, total: 3 }],
      ["step.progress", { done: 3, total: 3 }],
    ]);
  });

  it("numbers the passes of nested loops per loop (outer item, inner item), in the records and the events", async () => {
    const nested = flow(
      [loop("outer", "{{ .input.body.groups }}"), loop("inner", "{{ .steps.outer.body.item.members }}"), transform("leaf", { who: "{{ .steps.inner.body.item }}", group: "{{ .steps.outer.body.index }}", position: "{{ .steps.inner.body.index }}" })],
      [edge("trigger", "outer"), edge("outer", "inner", "each"), edge("inner", "leaf", "each")],
    );
    const { outcome, mem } = await run(nested, { groups: [{ members: ["ana", "bia", "caio"] }, { members: ["davi", "eva"] }] });
    expect(outcome.status).toBe("succeeded");
    const leafRuns = mem.runs().filter((r) => r.stepId === "leaf");
    expect(leafRuns.map((r) => [r.iteration, r.loopPath, (r.output?.body as { who: string }).who])).toEqual([
      [0, [0, 0], "ana"],
      [1, [0, 1], "bia"],
      [2, [0, 2], "caio"],
      [3, [1, 0], "davi"],
      [4, [1, 1], "eva"],
    ]);
    expect(mem.runs().filter((r) => r.stepId === "inner").map((r) => [r.iteration, r.loopPath])).toEqual([
      [0, [0]],
      [1, [1]],
    ]);
    expect(mem.runs().find((r) => r.stepId === "outer")!.loopPath).toEqual([]);
    // The live events say the same: which pass, and where in each loop.
    const leafEvents = mem.events.filter((e) => e.stepId === "leaf" && e.type === "step.succeeded").map((e) => [e.iteration ?? 0, e.loopPath]);
    expect(leafEvents).toEqual(leafRuns.map((r) => [r.iteration, r.loopPath]));
    // The inner loop counts its own items in each outer pass.
    const innerProgress = mem.events.filter((e) => e.stepId === "inner" && e.type === "step.progress").map((e) => [e.loopPath, e.progress]);
    expect(innerProgress).toEqual([
      [[0], { done: 1, total: 3 }],
      [[0], { done: 2, total: 3 }],
      [[0], { done: 3, total: 3 }],
      [[1], { done: 1, total: 2 }],
      [[1], { done: 2, total: 2 }],
    ]);
    expect(mem.events.filter((e) => e.stepId === "outer" && e.type === "step.progress").map((e) => e.progress)).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it("loops over a number n as 0…n−1, and over an empty list straight to done", async () => {
    const times = flow([loop("times", "3"), transform("seen", { i: "{{ .steps.times.body.item }}" }), transform("after", { all: "{{ .steps.times.body.results }}" })], [
      edge("trigger", "times"),
      edge("times", "seen", "each"),
      edge("times", "after", "done"),
    ]);
    const { outcome } = await run(times, null);
    expect(outcome.results["after"]!.body).toEqual({ all: [{ i: 0 }, { i: 1 }, { i: 2 }] });

    const { outcome: empty, mem } = await run(overList, { orders: [] });
    expect(empty.status).toBe("succeeded");
    expect(mem.statuses()).toEqual(["each_order:succeeded", "summary:succeeded"]);
    expect(empty.results["summary"]!.body).toEqual({ lines: [], count: 0 });
  });

  it("fails a loop over more items than the limit, naming it, and skips the rest", async () => {
    const { outcome, mem } = await run(overList, { orders: [{ id: "a" }, { id: "b" }, { id: "c" }] }, { maxLoopItems: 2 });
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toContain("3 itens, mais que o limite de 2 por Loop (FLUXO_LOOP_MAX_ITEMS)");
    expect(mem.statuses()).toEqual(["each_order:failed", "line:skipped", "summary:skipped"]);
  });

  it("counts every pass of a loop against the execution's step limit", async () => {
    const { outcome, mem } = await run(overList, { orders: [{ id: "a" }, { id: "b" }, { id: "c" }] }, { maxStepRuns: 3 });
    expect(outcome.status).toBe("failed");
    expect(outcome.error?.message).toContain("passou do limite de 3 passos executados");
    expect(mem.statuses()).toEqual(["each_order:succeeded", "line:succeeded", "line#1:succeeded", "line#2:failed", "summary:skipped"]);
  });

  const pastFailure = (onError: "stop" | "continue") =>
    flow(
      [
        step("fetch", "http", "request", { method: "GET", url: `${sandbox.url}/no-such-page` }, { onError, retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 } }),
        transform("report", { status: "{{ .steps.fetch.code }}", why: "{{ .steps.fetch.error.message }}" }),
      ],
      [edge("trigger", "fetch"), edge("fetch", "report")],
    );

  it("goes on past a failed step with onError continue: later steps see its code and error, and the execution ends diverged", async () => {
    const { outcome, mem } = await run(pastFailure("continue"), null);
    expect(outcome.status).toBe("diverged");
    expect(outcome.error?.message).toContain('passo "fetch"');
    expect(mem.statuses()).toEqual(["fetch:failed", "report:succeeded"]);
    const report = outcome.results["report"]!.body as { status: number; why: string };
    expect(report.status).toBe(404);
    expect(report.why).toContain("404");
    expect(mem.events.at(-1)).toMatchObject({ type: "execution.finished", status: "diverged" });
  });

  it("stops at a failed step by default: the execution fails and the steps not run are skipped", async () => {
    const { outcome, mem } = await run(pastFailure("stop"), null);
    expect(outcome.status).toBe("failed");
    expect(mem.statuses()).toEqual(["fetch:failed", "report:skipped"]);
  });

  it("gives a failed step that got no answer code 0", async () => {
    const definition = pastFailure("continue");
    definition.steps[0]!.parameters["url"] = "http://127.0.0.1:1/closed";
    const { outcome } = await run(definition, null);
    expect(outcome.status).toBe("diverged");
    expect((outcome.results["report"]!.body as { status: number }).status).toBe(0);
  });
});

describe("ports at save", () => {
  const messages = (definition: FlowDefinition) => findInvalidDefinition(definition).map((p) => `${p.path}: ${p.message}`);
  const steps = [condition("check", "1", "equals", "1"), transform("next", { a: "1" })];

  it("refuses an edge without a port from a step that has ports, naming the edge and the ports", () => {
    expect(messages(flow(steps, [edge("trigger", "check"), edge("check", "next")]))).toEqual([
      'definition.edges.1.port: a ligação de "check" para "next" precisa dizer por qual saída sai: "true" | "false"',
    ]);
  });

  it("refuses a port the step doesn't have, and a port on a step with one exit", () => {
    expect(messages(flow(steps, [edge("trigger", "check"), edge("check", "next", "maybe")]))).toEqual([
      'definition.edges.1.port: a ligação de "check" para "next" sai por "maybe", que "check" não tem; use "true" | "false"',
    ]);
    expect(messages(flow([transform("first", { a: "1" }), transform("next", { a: "1" })], [edge("trigger", "first"), edge("first", "next", "true")]))).toEqual([
      'definition.edges.1.port: a ligação de "first" para "next" diz a saída "true", mas "first" tem uma saída só; tire a saída da ligação',
    ]);
  });

  it("refuses an edge into a loop's each branch from outside it", () => {
    const definition = flow([loop("repeat", "2"), transform("inside", { a: "1" })], [edge("trigger", "repeat"), edge("repeat", "inside", "each"), edge("trigger", "inside")]);
    expect(messages(definition)).toEqual([
      'definition.edges.2: "inside" roda uma vez por item do passo "repeat" (saída "each"), mas também é ligado a partir de "trigger", fora dessa repetição; ligue-o só dentro dela ou à saída de fim',
    ]);
  });

  it("accepts both ports of a condition leading to the same step", () => {
    expect(messages(flow(steps, [edge("trigger", "check"), edge("check", "next", "true"), edge("check", "next", "false")]))).toEqual([]);
  });
});
