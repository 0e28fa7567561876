import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "@fluxo/contracts";
import { executionStart, planRunOrder } from "../src/index.js";

const step = (id: string) => ({ id, connector: "btg-id", operation: "get-credentials", connectionId: null, description: "", parameters: {}, position: { x: 0, y: 0 } });
const flow = (ids: string[], edges: [string, string][]): FlowDefinition => ({
  trigger: { position: { x: 0, y: 0 } },
  steps: ids.map(step),
  edges: edges.map(([source, target]) => ({ source, target })),
});

describe("planRunOrder", () => {
  it("orders a chain from the trigger", () => {
    const plan = planRunOrder(flow(["c", "b", "a"], [["trigger", "a"], ["a", "b"], ["b", "c"]]));
    expect(plan.ok && plan.order).toEqual(["a", "b", "c"]);
  });

  it("runs a join after both branches, breaking ties by declaration order", () => {
    const plan = planRunOrder(flow(["left", "right", "join"], [["trigger", "right"], ["trigger", "left"], ["left", "join"], ["right", "join"]]));
    expect(plan.ok && plan.order).toEqual(["left", "right", "join"]);
    expect(plan.ok && [...plan.ancestors.get("join")!].sort()).toEqual(["left", "right"]);
  });

  it("ignores a repeated edge", () => {
    const plan = planRunOrder(flow(["a"], [["trigger", "a"], ["trigger", "a"]]));
    expect(plan.ok && plan.order).toEqual(["a"]);
  });

  it.each([
    ["a cycle", flow(["a", "b"], [["trigger", "a"], ["a", "b"], ["b", "a"]]), /ciclo/],
    ["an unreachable step", flow(["a", "b"], [["trigger", "a"]]), /não está ligado ao Início/],
    ["an edge into the trigger", flow(["a"], [["trigger", "a"], ["a", "trigger"]]), /Início/],
    ["an edge from nowhere", flow(["a"], [["trigger", "a"], ["ghost", "a"]]), /"ghost"/],
    ["an edge to nowhere", flow(["a"], [["trigger", "a"], ["a", "ghost"]]), /"ghost"/],
    ["a self-loop", flow(["a"], [["trigger", "a"], ["a", "a"]]), /si mesmo/],
  ])("refuses %s, saying what is wrong", (_name, definition, message) => {
    const plan = planRunOrder(definition);
    expect(plan.ok).toBe(false);
    expect(plan.problems.map((p) => p.message).join(" ")).toMatch(message);
  });
});

describe("a definition's run plan", () => {
  it("is made once per definition object: every run of a flow version shares it", () => {
    const definition = flow(["b", "a"], [["trigger", "a"], ["a", "b"]]);
    const first = executionStart({ executionId: "e1", definition }, new Date(0));
    const second = executionStart({ executionId: "e2", definition }, new Date(1));
    expect(second.change.steps).toBe(first.change.steps);
    expect(first.change.steps.map((s) => [s.stepId, s.position])).toEqual([["a", 0], ["b", 1]]);
    expect(second.events.map((e) => e.executionId)).toEqual(["e2", "e2"]);
  });

  it("follows an edited definition, which is a new object", () => {
    const before = flow(["a", "b"], [["trigger", "a"], ["a", "b"]]);
    const after = flow(["a", "b"], [["trigger", "b"], ["b", "a"]]);
    expect(executionStart({ executionId: "e1", definition: before }, new Date(0)).change.steps.map((s) => s.stepId)).toEqual(["a", "b"]);
    expect(executionStart({ executionId: "e2", definition: after }, new Date(0)).change.steps.map((s) => s.stepId)).toEqual(["b", "a"]);
  });
});
