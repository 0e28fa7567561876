import type { ExecutionEvent } from "@fluxo/contracts";
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
