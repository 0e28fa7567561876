import type { Execution, ExecutionEvent } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { applyEvent, firstFailedStep, INITIAL_RUN_STATE, runStateFromExecution } from "./runState.js";

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

  it("counts the passes of a step in a Loop's branch, and a diverged run ends diverged", () => {
    const events = [
      ev({ seq: 1, type: "step.succeeded", stepId: "linha", durationMs: 1 }),
      ev({ seq: 2, type: "step.started", stepId: "linha", iteration: 1 }),
      ev({ seq: 3, type: "step.succeeded", stepId: "linha", durationMs: 2, iteration: 1 }),
      ev({ seq: 4, type: "step.succeeded", stepId: "linha", durationMs: 3, iteration: 2 }),
      ev({ seq: 5, type: "execution.finished", status: "diverged" }),
    ];
    const state = events.reduce(applyEvent, INITIAL_RUN_STATE);
    expect(state.steps.linha).toEqual({ status: "succeeded", durationMs: 3, attempt: null, error: null, passes: 3 });
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

  it("shows a Loop's stored count when there are no events: all done once the execution got past it", () => {
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
    expect(runStateFromExecution({ ...execution, status: "failed" }).steps.itens).not.toHaveProperty("progress");
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
