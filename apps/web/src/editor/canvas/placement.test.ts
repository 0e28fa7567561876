import type { FlowDefinition, FlowStep } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { freePosition, NODE_GAP, nodeToFollow, STEP_NODE_SIZE, TRIGGER_NODE_SIZE } from "./placement.js";

const step = (id: string, x: number, y: number): FlowStep => ({ id, connector: "http", operation: "request", connectionId: null, description: "", parameters: {}, position: { x, y } });

const definition: FlowDefinition = {
  trigger: { position: { x: 0, y: 120 } },
  steps: [step("token", 280, 120), step("api", 560, 120)],
  edges: [
    { source: "trigger", target: "token" },
    { source: "token", target: "api" },
  ],
};

describe("freePosition", () => {
  it("keeps a place where nothing is", () => {
    expect(freePosition({ x: 840, y: 120 }, definition)).toEqual({ x: 840, y: 120 });
    expect(freePosition({ x: 280, y: 120 + STEP_NODE_SIZE.height + NODE_GAP }, definition)).toEqual({ x: 280, y: 232 });
  });

  it("moves a card dropped on Início or a step down until it overlaps nothing", () => {
    expect(freePosition({ x: 10, y: 130 }, definition)).toEqual({ x: 10, y: 120 + TRIGGER_NODE_SIZE.height + NODE_GAP });
    expect(freePosition({ x: 300, y: 100 }, definition)).toEqual({ x: 300, y: 120 + STEP_NODE_SIZE.height + NODE_GAP });
  });

  it("goes on past every card stacked in the way", () => {
    const stacked = { ...definition, steps: [...definition.steps, step("below", 300, 232), step("further", 260, 344)] };
    expect(freePosition({ x: 280, y: 120 }, stacked)).toEqual({ x: 280, y: 456 });
  });
});

describe("nodeToFollow", () => {
  it("is the one selected node, Início included", () => {
    expect(nodeToFollow(definition, ["token"])).toEqual({ id: "token", position: { x: 280, y: 120 } });
    expect(nodeToFollow(definition, ["trigger"])).toEqual({ id: "trigger", position: { x: 0, y: 120 } });
  });

  it("is the last step nothing follows when none, several or a vanished one is selected", () => {
    for (const selected of [[], ["token", "api"], ["gone"]]) expect(nodeToFollow(definition, selected).id).toBe("api");
    expect(nodeToFollow({ ...definition, steps: [], edges: [] }, []).id).toBe("trigger");
  });
});
