import type { ConnectorMeta, Execution, ExecutionEvent, FlowDefinition, FlowStep, StepErrorInfo, StepRun } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { applyEvent, firstFailedStep, INITIAL_RUN_STATE, loopStopped, loopsAround, NO_PASSES, runStateFromExecution, shownStepState, type PassCounts, type StepRunState } from "./runState.js";

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();
const ev = (e: Partial<ExecutionEvent> & Pick<ExecutionEvent, "seq" | "type">): ExecutionEvent => ({ executionId: "ex1", at: at(e.seq), ...e });

describe("applyEvent", () => {
  it("follows a step from running to succeeded with its duration, then the execution's end", () => {
    const events = [
      ev({ seq: 1, type: "execution.started" }),
      ev({ seq: 2, type: "step.started", stepId: "credentials", attempt: 1 }),
      ev({ seq: 3, type: "step.succeeded", stepId: "credentials", durationMs: 120 }),
      ev({ seq: 4, type: "execution.finished", status: "succeeded" }),
    ];
    const states = events.reduce((acc, e) => [...acc, applyEvent(acc.at(-1)!, e)], [INITIAL_RUN_STATE]);
    expect(states[2]!.steps.credentials).toEqual({ status: "running", durationMs: null, attempt: 1, error: null });
    expect(states[3]!.steps.credentials).toEqual({ status: "succeeded", durationMs: 120, attempt: 1, error: null });
    expect(states[4]).toMatchObject({ status: "succeeded", startedAt: at(1), finishedAt: at(4), durationMs: 3000, fromEvents: true });
  });

  it("counts the passes of a step in a Loop's branch (a first pass told without its loop path too), and a diverged run ends diverged", () => {
    const events = [
      ev({ seq: 1, type: "step.succeeded", stepId: "linha", durationMs: 1 }),
      ev({ seq: 2, type: "step.started", stepId: "linha", iteration: 1 }),
      ev({ seq: 3, type: "step.succeeded", stepId: "linha", durationMs: 2, iteration: 1 }),
      ev({ seq: 4, type: "step.succeeded", stepId: "linha", durationMs: 3, iteration: 2 }),
      ev({ seq: 5, type: "execution.finished", status: "diverged" }),
    ];
    const state = events.reduce(applyEvent, INITIAL_RUN_STATE);
    // The time shown is the passes' together.
    expect(state.steps.linha).toEqual({ status: "succeeded", durationMs: 6, attempt: null, error: null, passes: { succeeded: 3, failed: 0, skipped: 0, running: 0, durationMs: 6 } });
    expect(state.status).toBe("diverged");
    expect(applyEvent(INITIAL_RUN_STATE, events[0]!).steps.linha).not.toHaveProperty("passes");
  });

  it("follows a Loop's count live: the total with its success, one more with each pass; a nested Loop starts over per outer item", () => {
    const events = [
      ev({ seq: 1, type: "step.succeeded", stepId: "itens", durationMs: 1, progress: { done: 0, total: 3 } }),
      ev({ seq: 2, type: "step.progress", stepId: "itens", progress: { done: 1, total: 3 } }),
      ev({ seq: 3, type: "step.progress", stepId: "itens", progress: { done: 2, total: 3 } }),
    ];
    const states = events.reduce((acc, e) => [...acc, applyEvent(acc.at(-1)!, e)], [INITIAL_RUN_STATE]);
    expect(states.slice(1).map((s) => s.steps.itens!.progress)).toEqual([
      { done: 0, total: 3 },
      { done: 1, total: 3 },
      { done: 2, total: 3 },
    ]);
    expect(states[3]!.steps.itens!.status).toBe("succeeded");
    const restarted = applyEvent(states[3]!, ev({ seq: 4, type: "step.started", stepId: "itens", iteration: 1, loopPath: [1] }));
    expect(restarted.steps.itens).not.toHaveProperty("progress");
  });

  it("keeps a failed step's error", () => {
    const error = { kind: "http_error" as const, message: "401", status: 401, code: "invalid_client", description: "bad secret" };
    const state = applyEvent(INITIAL_RUN_STATE, ev({ seq: 1, type: "step.failed", stepId: "credentials", durationMs: 80, error }));
    expect(state.steps.credentials).toMatchObject({ status: "failed", error });
    expect(state.status).toBe("running");
  });
});

describe("runStateFromExecution", () => {
  it("reads step statuses from a stored execution", () => {
    const state = runStateFromExecution({
      id: "ex1",
      flowId: "f",
      flowVersion: 1,
      draft: true,
      draftSavedAt: "2026-12-06T17:36:00.000Z",
      triggerSource: "editor",
      definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
      status: "failed",
      startedAt: at(0),
      finishedAt: at(1),
      durationMs: 1000,
      createdAt: at(0),
      input: { body: null, headers: {}, query_params: {} },
      error: null,
      steps: [
        { stepId: "a", connector: "btg-id", operation: "get-credentials", status: "failed", attempt: 1, startedAt: at(0), finishedAt: at(1), durationMs: 900, input: null, output: null, error: null, http: null },
      ],
      rerunOf: null,
      reruns: [],
      testedAgainst: null,
    });
    expect(state).toMatchObject({ status: "failed", durationMs: 1000, steps: { a: { status: "failed", durationMs: 900 } }, fromEvents: false });
  });

  it("shows a Loop's stored count when there are no events: all done once the execution got past it, none told for an interrupted one", () => {
    const execution: Execution = {
      id: "ex1",
      flowId: "f",
      flowVersion: 1,
      draft: true,
      draftSavedAt: at(0),
      triggerSource: "editor",
      definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
      status: "succeeded",
      startedAt: at(0),
      finishedAt: at(1),
      durationMs: 1000,
      createdAt: at(0),
      input: { body: null, headers: {}, query_params: {} },
      error: null,
      rerunOf: null,
      reruns: [],
      testedAgainst: null,
      steps: [{ stepId: "itens", connector: "loop", operation: "for-each", status: "succeeded", attempt: 1, startedAt: at(0), finishedAt: at(0), durationMs: 1, input: null, output: { code: 200, headers: {}, body: { count: 3 } }, error: null, http: null }],
    };
    expect(runStateFromExecution(execution).steps.itens!.progress).toEqual({ done: 3, total: 3 });
    expect(runStateFromExecution({ ...execution, status: "interrupted" }).steps.itens).not.toHaveProperty("progress");
  });
});

describe("firstFailedStep", () => {
  it("names the first step that failed, with its error, and nothing while every step went well", () => {
    const error = { kind: "http_error" as const, message: "401 invalid_client", status: 401, code: "invalid_client" };
    let state = applyEvent(INITIAL_RUN_STATE, ev({ seq: 1, type: "step.succeeded", stepId: "a", durationMs: 5 }));
    expect(firstFailedStep(state)).toBeNull();
    state = applyEvent(state, ev({ seq: 2, type: "step.failed", stepId: "b", durationMs: 5, error }));
    state = applyEvent(state, ev({ seq: 3, type: "step.failed", stepId: "c", durationMs: 5, error: { ...error, code: "other" } }));
    expect(firstFailedStep(state)).toEqual({ stepId: "b", error });
  });
});

// ── Steps in a Loop's branch: one state over all their passes ─────────────────────────────────

const counts = (c: Partial<PassCounts>): PassCounts => ({ ...NO_PASSES, ...c });

/** Definitions' steps and edges, and the connectors' ports the canvas knows them by. */
const defStep = (id: string, connector: string, operation: string): FlowStep => ({ id, connector, operation, connectionId: null, description: "", parameters: {}, position: { x: 0, y: 0 } });
const meta = (key: string, operation: string, ports: { key: string; label: string; repeats?: boolean }[] = []): ConnectorMeta => ({
  key,
  name: key,
  description: "",
  icon: "",
  connectionFields: [],
  builtIn: true,
  operations: [{ key: operation, name: operation, description: "", fields: [], ...(ports.length ? { ports } : {}) }],
});
const CONNECTORS: ConnectorMeta[] = [
  meta("loop", "for-each", [
    { key: "each", label: "Cada item", repeats: true },
    { key: "done", label: "Concluído" },
  ]),
  meta("condition", "if", [
    { key: "true", label: "Verdadeiro" },
    { key: "false", label: "Falso" },
  ]),
  meta("transform", "map"),
  meta("http", "request"),
];

/** Loop `pedidos` → (Cada item) Condição `caro` → Verdadeiro: `alto`, Falso: `consulta`; Concluído → `resumo`. */
const PEDIDOS: FlowDefinition = {
  trigger: { position: { x: 0, y: 0 } },
  steps: [defStep("pedidos", "loop", "for-each"), defStep("caro", "condition", "if"), defStep("alto", "transform", "map"), defStep("consulta", "http", "request"), defStep("resumo", "transform", "map")],
  edges: [
    { source: "trigger", target: "pedidos" },
    { source: "pedidos", target: "caro", port: "each" },
    { source: "caro", target: "alto", port: "true" },
    { source: "caro", target: "consulta", port: "false" },
    { source: "pedidos", target: "resumo", port: "done" },
  ],
};

type Outcome = "succeeded" | "failed" | "skipped";
/** One pass of a step as the engine announces it (packages/engine run-execution.ts): started then its end, or skipped alone. */
function passEvents(seq: number, stepId: string, k: number, loopPath: number[], outcome: Outcome, durationMs = 10, error?: StepErrorInfo): ExecutionEvent[] {
  const where = { stepId, loopPath, ...(k > 0 ? { iteration: k } : {}) };
  if (outcome === "skipped") return [ev({ seq, type: "step.skipped", status: "skipped", ...where })];
  return [
    ev({ seq, type: "step.started", status: "running", attempt: 1, ...where }),
    ev({ seq: seq + 1, type: outcome === "failed" ? "step.failed" : "step.succeeded", status: outcome, attempt: 1, durationMs, error: error ?? null, ...where }),
  ];
}

/** The events of the 4-order run, as the engine sent them: only order 2 (index 1) is over 100. */
function pedidosEvents(): ExecutionEvent[] {
  const events: ExecutionEvent[] = [
    ev({ seq: 1, type: "execution.started", status: "running" }),
    ev({ seq: 2, type: "step.started", stepId: "pedidos", status: "running", attempt: 1 }),
    ev({ seq: 3, type: "step.succeeded", stepId: "pedidos", status: "succeeded", attempt: 1, durationMs: 5, progress: { done: 0, total: 4 } }),
  ];
  const add = (list: ExecutionEvent[]) => events.push(...list.map((e, i) => ({ ...e, seq: events.length + 1 + i })));
  for (let k = 0; k < 4; k++) {
    const big = k === 1;
    add(passEvents(0, "caro", k, [k], "succeeded", 2));
    add(passEvents(0, "alto", k, [k], big ? "succeeded" : "skipped", 7));
    add(passEvents(0, "consulta", k, [k], big ? "skipped" : "succeeded", 30));
    add([ev({ seq: 0, type: "step.progress", stepId: "pedidos", progress: { done: k + 1, total: 4 } })]);
  }
  add(passEvents(0, "resumo", 0, [], "succeeded", 1).map(({ loopPath: _, ...e }) => e));
  add([ev({ seq: 0, type: "execution.finished", status: "succeeded", durationMs: 400 })]);
  return events;
}

/** A stored execution: `runs` are its StepRun rows, in the order the API answers them (position, then iteration). */
function storedExecution(status: Execution["status"], runs: StepRun[], definition: FlowDefinition = PEDIDOS): Execution {
  return {
    id: "ex1",
    flowId: "f",
    flowVersion: 1,
    draft: true,
    draftSavedAt: at(0),
    triggerSource: "editor",
    definition,
    status,
    startedAt: at(0),
    finishedAt: at(9),
    durationMs: 9000,
    createdAt: at(0),
    input: { body: null, headers: {}, query_params: {} },
    error: null,
    steps: runs,
    rerunOf: null,
    reruns: [],
    testedAgainst: null,
  };
}

/** One stored row (as execution-service.ts answers it: iteration and loopPath only when set). */
function row(stepId: string, connector: string, status: StepRun["status"], k = 0, loopPath: number[] = [], extra: Partial<StepRun> = {}): StepRun {
  const ran = status === "succeeded" || status === "failed";
  return {
    stepId,
    ...(k > 0 ? { iteration: k } : {}),
    ...(loopPath.length > 0 ? { loopPath } : {}),
    connector,
    operation: "op",
    status,
    attempt: ran ? 1 : 0,
    startedAt: ran ? at(1) : null,
    finishedAt: ran ? at(2) : null,
    durationMs: ran ? 10 : null,
    input: null,
    output: null,
    error: null,
    http: null,
    ...extra,
  };
}

/** The rows of the 4-order run, the same run as pedidosEvents. */
function pedidosRows(): StepRun[] {
  const big = (k: number) => k === 1;
  const passes = (stepId: string, connector: string, outcome: (k: number) => Outcome, durationMs: number) =>
    [0, 1, 2, 3].map((k) => row(stepId, connector, outcome(k), k, [k], outcome(k) === "skipped" ? {} : { durationMs }));
  return [
    row("pedidos", "loop", "succeeded", 0, [], { durationMs: 5, output: { code: 200, headers: {}, body: { count: 4 } } }),
    ...passes("caro", "condition", () => "succeeded", 2),
    ...passes("alto", "transform", (k) => (big(k) ? "succeeded" : "skipped"), 7),
    ...passes("consulta", "http", (k) => (big(k) ? "skipped" : "succeeded"), 30),
    row("resumo", "transform", "succeeded", 0, [], { durationMs: 1 }),
  ];
}

const picture = (step: StepRunState | undefined) => step && { status: step.status, durationMs: step.durationMs, error: step.error, passes: step.passes, progress: step.progress };

describe("a step in a Loop's branch, over all its passes", () => {
  it("4 orders, one over 100: alto succeeded once and was skipped 3 times, consulta the other way round — from the events", () => {
    const run = pedidosEvents().reduce(applyEvent, INITIAL_RUN_STATE);
    expect(run.steps.alto).toMatchObject({ status: "succeeded", durationMs: 7, passes: counts({ succeeded: 1, skipped: 3, durationMs: 7 }) });
    expect(run.steps.consulta).toMatchObject({ status: "succeeded", durationMs: 90, passes: counts({ succeeded: 3, skipped: 1, durationMs: 90 }) });
    expect(run.steps.caro).toMatchObject({ status: "succeeded", passes: counts({ succeeded: 4, durationMs: 8 }) });
    // Outside the loop nothing changes: no passes, the step's own status and time.
    expect(run.steps.pedidos).toEqual({ status: "succeeded", durationMs: 5, attempt: 1, error: null, progress: { done: 4, total: 4 } });
    expect(run.steps.resumo).toEqual({ status: "succeeded", durationMs: 1, attempt: 1, error: null });
    expect(loopStopped(run, run.steps.pedidos!)).toBe(false);
  });

  it("the same 4 orders from the stored execution, one row per pass: the same picture as the events'", () => {
    const fromEvents = pedidosEvents().reduce(applyEvent, INITIAL_RUN_STATE);
    const stored = runStateFromExecution(storedExecution("succeeded", pedidosRows()));
    expect(stored.steps.alto).toMatchObject({ status: "succeeded", passes: counts({ succeeded: 1, skipped: 3, durationMs: 7 }) });
    expect(stored.steps.consulta).toMatchObject({ status: "succeeded", passes: counts({ succeeded: 3, skipped: 1, durationMs: 90 }) });
    for (const id of ["pedidos", "caro", "alto", "consulta", "resumo"]) expect(picture(stored.steps[id]), id).toEqual(picture(fromEvents.steps[id]));
  });

  it("live: running while a pass runs, whatever the passes before it did; then back to what they add up to", () => {
    const events = pedidosEvents();
    // Up to consulta's third pass started (order index 2).
    const upTo = events.findIndex((e) => e.stepId === "consulta" && e.type === "step.started" && e.iteration === 2);
    const live = events.slice(0, upTo + 1).reduce(applyEvent, INITIAL_RUN_STATE);
    expect(live.steps.consulta).toMatchObject({ status: "running", durationMs: null, passes: counts({ succeeded: 1, skipped: 1, running: 1, durationMs: 30 }) });
    expect(live.steps.alto).toMatchObject({ status: "succeeded", passes: counts({ succeeded: 1, skipped: 2, durationMs: 7 }) });
    expect(live.steps.pedidos!.progress).toEqual({ done: 2, total: 4 });
    const after = applyEvent(live, events[upTo + 1]!);
    expect(after.steps.consulta).toMatchObject({ status: "succeeded", durationMs: 60, passes: counts({ succeeded: 2, skipped: 1, durationMs: 60 }) });
  });

  it("a step whose every pass was skipped is skipped, with no time", () => {
    const events = [0, 1, 2].flatMap((k) => passEvents(k + 1, "alto", k, [k], "skipped"));
    const run = events.reduce(applyEvent, INITIAL_RUN_STATE);
    expect(run.steps.alto).toEqual({ status: "skipped", durationMs: null, attempt: null, error: null, passes: counts({ skipped: 3 }) });
  });

  it("a failed pass among succeeded ones (continue on error) makes the step failed, with that pass's error, from events and stored rows alike", () => {
    const error: StepErrorInfo = { kind: "http_error", message: "404", status: 404 };
    const outcomes: Outcome[] = ["succeeded", "failed", "succeeded", "skipped"];
    const events = [
      ...outcomes.flatMap((o, k) => passEvents(10 * k + 1, "consulta", k, [k], o, 30, o === "failed" ? error : undefined)),
      ev({ seq: 99, type: "execution.finished", status: "diverged" }),
    ];
    const run = events.reduce(applyEvent, INITIAL_RUN_STATE);
    expect(run.steps.consulta).toMatchObject({ status: "failed", durationMs: 90, error, passes: counts({ succeeded: 2, failed: 1, skipped: 1, durationMs: 90 }) });
    // What the run banner names.
    expect(firstFailedStep(run)).toEqual({ stepId: "consulta", error });
    const stored = runStateFromExecution(
      storedExecution(
        "diverged",
        outcomes.map((o, k) => row("consulta", "http", o, k, [k], o === "failed" ? { error, durationMs: 30 } : o === "succeeded" ? { durationMs: 30 } : {})),
      ),
    );
    expect(picture(stored.steps.consulta)).toEqual(picture(run.steps.consulta));
  });

  it("a failure on item 1 of 4 stops the Loop: its count stays 1 of 4 and reads as stopped, from events and stored rows alike", () => {
    const error: StepErrorInfo = { kind: "http_error", message: "404", status: 404 };
    const events: ExecutionEvent[] = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.started", stepId: "pedidos", status: "running", attempt: 1 }),
      ev({ seq: 3, type: "step.succeeded", stepId: "pedidos", status: "succeeded", attempt: 1, durationMs: 5, progress: { done: 0, total: 4 } }),
      ...passEvents(4, "caro", 0, [0], "succeeded", 2),
      ...passEvents(6, "alto", 0, [0], "skipped"),
      ...passEvents(7, "consulta", 0, [0], "failed", 58, error),
      ev({ seq: 9, type: "step.progress", stepId: "pedidos", progress: { done: 1, total: 4 } }),
      ev({ seq: 10, type: "step.skipped", stepId: "resumo", status: "skipped" }),
    ];
    const running = events.reduce(applyEvent, INITIAL_RUN_STATE);
    // While the run goes on, 1 of 4 is just where the Loop is.
    expect(loopStopped(running, running.steps.pedidos!)).toBe(false);
    const run = applyEvent(running, ev({ seq: 11, type: "execution.finished", status: "failed", error }));
    // The Loop step itself succeeded (it read its 4 items; its details say so): the failure is consulta's.
    expect(run.steps.pedidos).toMatchObject({ status: "succeeded", progress: { done: 1, total: 4 } });
    expect(loopStopped(run, run.steps.pedidos!)).toBe(true);
    expect(firstFailedStep(run)).toEqual({ stepId: "consulta", error });
    expect(run.steps.consulta).toMatchObject({ status: "failed", error, passes: counts({ failed: 1, durationMs: 58 }) });
    expect(run.steps.alto).toMatchObject({ status: "skipped", passes: counts({ skipped: 1 }) });

    const stored = runStateFromExecution(
      storedExecution("failed", [
        row("pedidos", "loop", "succeeded", 0, [], { durationMs: 5, output: { code: 200, headers: {}, body: { count: 4 } } }),
        row("caro", "condition", "succeeded", 0, [0], { durationMs: 2 }),
        row("alto", "transform", "skipped", 0, [0]),
        row("consulta", "http", "failed", 0, [0], { durationMs: 58, error }),
        row("resumo", "transform", "skipped"),
      ]),
    );
    for (const id of ["pedidos", "caro", "alto", "consulta", "resumo"]) expect(picture(stored.steps[id]), id).toEqual(picture(run.steps[id]));
    expect(loopStopped(stored, stored.steps.pedidos!)).toBe(true);
  });

  it("a Loop over an empty list: its branch's steps, never announced, show as skipped with no passes", () => {
    const around = loopsAround(PEDIDOS, CONNECTORS);
    const events: ExecutionEvent[] = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.started", stepId: "pedidos", status: "running", attempt: 1 }),
      ev({ seq: 3, type: "step.succeeded", stepId: "pedidos", status: "succeeded", attempt: 1, durationMs: 5, progress: { done: 0, total: 0 } }),
      ev({ seq: 4, type: "step.started", stepId: "resumo", status: "running", attempt: 1 }),
      ev({ seq: 5, type: "step.succeeded", stepId: "resumo", status: "succeeded", attempt: 1, durationMs: 1 }),
      ev({ seq: 6, type: "execution.finished", status: "succeeded" }),
    ];
    const states = events.reduce((acc, e) => [...acc, applyEvent(acc.at(-1)!, e)], [INITIAL_RUN_STATE]);
    // Before the Loop says it has nothing to do, its branch waits like any step.
    expect(shownStepState(states[2]!, "caro", around).status).toBe("pending");
    for (const state of states.slice(3)) {
      for (const id of ["caro", "alto", "consulta"]) expect(shownStepState(state, id, around), id).toEqual({ status: "skipped", durationMs: null, attempt: null, error: null, passes: NO_PASSES });
    }
    expect(shownStepState(states[6]!, "resumo", around)).toMatchObject({ status: "succeeded" });

    // The stored execution: the branch's rows stay as planned, pending.
    const stored = runStateFromExecution(
      storedExecution("succeeded", [
        row("pedidos", "loop", "succeeded", 0, [], { durationMs: 5, output: { code: 200, headers: {}, body: { count: 0 } } }),
        row("caro", "condition", "pending"),
        row("alto", "transform", "pending"),
        row("consulta", "http", "pending"),
        row("resumo", "transform", "succeeded", 0, [], { durationMs: 1 }),
      ]),
    );
    expect(stored.steps.pedidos!.progress).toEqual({ done: 0, total: 0 });
    for (const id of ["caro", "alto", "consulta"]) expect(shownStepState(stored, id, around), id).toEqual({ status: "skipped", durationMs: null, attempt: null, error: null, passes: NO_PASSES });
  });

  it("a step left pending for any other reason stays pending: an interrupted run, a Loop that had items, a step outside loops", () => {
    const around = loopsAround(PEDIDOS, CONNECTORS);
    const interrupted = runStateFromExecution(
      storedExecution("interrupted", [row("pedidos", "loop", "running"), row("caro", "condition", "pending"), row("resumo", "transform", "pending")]),
    );
    expect(shownStepState(interrupted, "caro", around).status).toBe("pending");
    expect(shownStepState(interrupted, "resumo", around).status).toBe("pending");
    // A Loop with items: its branch is on its way.
    const live = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.succeeded", stepId: "pedidos", status: "succeeded", durationMs: 5, progress: { done: 0, total: 4 } }),
    ].reduce(applyEvent, INITIAL_RUN_STATE);
    expect(shownStepState(live, "caro", around).status).toBe("pending");
    expect(shownStepState(INITIAL_RUN_STATE, "resumo", around)).toEqual({ status: "pending", durationMs: null, attempt: null, error: null });
  });

  it("nested Loops: a step inside both counts every pass (numbered by iteration across all items of both)", () => {
    // grupos → (each) membros → (each) nome: groups [[ana, bia], [caio, duda, eli]]; nome skipped for "duda" (a Condição would do that).
    const nested: FlowDefinition = {
      trigger: { position: { x: 0, y: 0 } },
      steps: [defStep("grupos", "loop", "for-each"), defStep("membros", "loop", "for-each"), defStep("nome", "transform", "map")],
      edges: [
        { source: "trigger", target: "grupos" },
        { source: "grupos", target: "membros", port: "each" },
        { source: "membros", target: "nome", port: "each" },
      ],
    };
    expect(loopsAround(nested, CONNECTORS)).toEqual(
      new Map([
        ["membros", "grupos"],
        ["nome", "membros"],
      ]),
    );
    const groups = [2, 3];
    const events: ExecutionEvent[] = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.succeeded", stepId: "grupos", status: "succeeded", durationMs: 1, progress: { done: 0, total: 2 } }),
    ];
    const rows: StepRun[] = [row("grupos", "loop", "succeeded", 0, [], { durationMs: 1, output: { code: 200, headers: {}, body: { count: 2 } } })];
    const push = (list: ExecutionEvent[]) => events.push(...list.map((e, i) => ({ ...e, seq: events.length + 1 + i })));
    let nomePass = 0;
    const nomeRows: StepRun[] = [];
    groups.forEach((size, g) => {
      push([ev({ seq: 0, type: "step.started", stepId: "membros", status: "running", loopPath: [g], ...(g ? { iteration: g } : {}) })]);
      push([ev({ seq: 0, type: "step.succeeded", stepId: "membros", status: "succeeded", durationMs: 1, loopPath: [g], ...(g ? { iteration: g } : {}), progress: { done: 0, total: size } })]);
      rows.push(row("membros", "loop", "succeeded", g, [g], { durationMs: 1, output: { code: 200, headers: {}, body: { count: size } } }));
      for (let m = 0; m < size; m++) {
        const outcome: Outcome = g === 1 && m === 1 ? "skipped" : "succeeded";
        push(passEvents(0, "nome", nomePass, [g, m], outcome, 10));
        nomeRows.push(row("nome", "transform", outcome, nomePass, [g, m]));
        nomePass++;
        push([ev({ seq: 0, type: "step.progress", stepId: "membros", loopPath: [g], ...(g ? { iteration: g } : {}), progress: { done: m + 1, total: size } })]);
      }
      push([ev({ seq: 0, type: "step.progress", stepId: "grupos", progress: { done: g + 1, total: 2 } })]);
    });
    push([ev({ seq: 0, type: "execution.finished", status: "succeeded" })]);
    const run = events.reduce(applyEvent, INITIAL_RUN_STATE);
    expect(run.steps.nome).toMatchObject({ status: "succeeded", durationMs: 40, passes: counts({ succeeded: 4, skipped: 1, durationMs: 40 }) });
    // The inner Loop: one pass per outer item, its count the last one's.
    expect(run.steps.membros).toMatchObject({ status: "succeeded", passes: counts({ succeeded: 2, durationMs: 2 }), progress: { done: 3, total: 3 } });
    expect(run.steps.grupos).toMatchObject({ progress: { done: 2, total: 2 } });
    expect(run.steps.grupos).not.toHaveProperty("passes");

    const stored = runStateFromExecution(storedExecution("succeeded", [...rows, ...nomeRows], nested));
    for (const id of ["grupos", "membros", "nome"]) expect(picture(stored.steps[id]), id).toEqual(picture(run.steps[id]));
  });

  it("nested Loops, the inner one empty in every outer pass: its branch shows skipped once the run has ended", () => {
    const nested: FlowDefinition = {
      trigger: { position: { x: 0, y: 0 } },
      steps: [defStep("grupos", "loop", "for-each"), defStep("membros", "loop", "for-each"), defStep("nome", "transform", "map")],
      edges: [
        { source: "trigger", target: "grupos" },
        { source: "grupos", target: "membros", port: "each" },
        { source: "membros", target: "nome", port: "each" },
      ],
    };
    const around = loopsAround(nested, CONNECTORS);
    const events: ExecutionEvent[] = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.succeeded", stepId: "grupos", status: "succeeded", durationMs: 1, progress: { done: 0, total: 2 } }),
      ev({ seq: 3, type: "step.started", stepId: "membros", status: "running", loopPath: [0] }),
      ev({ seq: 4, type: "step.succeeded", stepId: "membros", status: "succeeded", durationMs: 1, loopPath: [0], progress: { done: 0, total: 0 } }),
      ev({ seq: 5, type: "step.progress", stepId: "grupos", progress: { done: 1, total: 2 } }),
    ];
    const live = events.reduce(applyEvent, INITIAL_RUN_STATE);
    // The next outer item may have members: not told yet.
    expect(shownStepState(live, "nome", around).status).toBe("pending");
    const ended = [
      ev({ seq: 6, type: "step.started", stepId: "membros", status: "running", iteration: 1, loopPath: [1] }),
      ev({ seq: 7, type: "step.succeeded", stepId: "membros", status: "succeeded", durationMs: 1, iteration: 1, loopPath: [1], progress: { done: 0, total: 0 } }),
      ev({ seq: 8, type: "step.progress", stepId: "grupos", progress: { done: 2, total: 2 } }),
      ev({ seq: 9, type: "execution.finished", status: "succeeded" }),
    ].reduce(applyEvent, live);
    expect(shownStepState(ended, "nome", around)).toMatchObject({ status: "skipped", passes: NO_PASSES });
    // An outer Loop over nothing: neither the inner Loop nor its branch ran.
    const outerEmpty = [
      ev({ seq: 1, type: "execution.started", status: "running" }),
      ev({ seq: 2, type: "step.succeeded", stepId: "grupos", status: "succeeded", durationMs: 1, progress: { done: 0, total: 0 } }),
      ev({ seq: 3, type: "execution.finished", status: "succeeded" }),
    ].reduce(applyEvent, INITIAL_RUN_STATE);
    expect(shownStepState(outerEmpty, "membros", around)).toMatchObject({ status: "skipped", passes: NO_PASSES });
    expect(shownStepState(outerEmpty, "nome", around)).toMatchObject({ status: "skipped", passes: NO_PASSES });
  });

  it("a run started afresh (its worker died) counts its passes again from the first", () => {
    const first = pedidosEvents().slice(0, 12);
    const again = [...first, ...pedidosEvents()].map((e, i) => ({ ...e, seq: i + 1 }));
    const run = again.reduce(applyEvent, INITIAL_RUN_STATE);
    expect(run.steps.caro!.passes).toEqual(counts({ succeeded: 4, durationMs: 8 }));
  });
});
