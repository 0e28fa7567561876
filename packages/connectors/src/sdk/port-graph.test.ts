import type { FlowDefinition, FlowStep, PortMeta } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { branchSteps, edgesIntoRepeatBranches } from "./port-graph.js";

const step = (id: string, connector: string): FlowStep => ({ id, connector, operation: "x", connectionId: null, description: "", parameters: {}, position: { x: 0, y: 0 } });
const LOOP_PORTS: PortMeta[] = [
  { key: "each", label: "Cada item", repeats: true },
  { key: "done", label: "Concluído" },
];
const portsOf = (definition: FlowDefinition) => (id: string) => (definition.steps.find((s) => s.id === id)?.connector === "loop" ? LOOP_PORTS : []);

const flow = (edges: FlowDefinition["edges"]): FlowDefinition => ({
  trigger: { position: { x: 0, y: 0 } },
  steps: [step("pedidos", "loop"), step("caro", "condition"), step("linha", "transform"), step("resumo", "transform")],
  edges: [{ source: "trigger", target: "pedidos" }, { source: "pedidos", target: "caro", port: "each" }, { source: "caro", target: "linha" }, { source: "pedidos", target: "resumo", port: "done" }, ...edges],
});

describe("port-graph", () => {
  it("finds a branch's steps: everything reachable from the port's edges", () => {
    expect(branchSteps(flow([]), "pedidos", "each")).toEqual(["caro", "linha"]);
    expect(branchSteps(flow([]), "pedidos", "done")).toEqual(["resumo"]);
  });

  it("names each edge that leads into a repeating branch from outside it, and only those", () => {
    const clean = flow([]);
    expect(edgesIntoRepeatBranches(clean, portsOf(clean))).toEqual([]);
    const into = flow([{ source: "resumo", target: "caro" }]);
    expect(edgesIntoRepeatBranches(into, portsOf(into))).toEqual([{ index: 4, edge: { source: "resumo", target: "caro" }, step: "pedidos", port: "each" }]);
    // A link out of the branch pulls its target in: then Concluído's edge comes from outside.
    const out = flow([{ source: "linha", target: "resumo" }]);
    expect(edgesIntoRepeatBranches(out, portsOf(out))).toEqual([{ index: 3, edge: { source: "pedidos", target: "resumo", port: "done" }, step: "pedidos", port: "each" }]);
  });
});
