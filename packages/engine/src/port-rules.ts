import { stepMessage, TRIGGER_ID, type FlowDefinition, type FlowEdge, type PortMeta } from "@fluxo/contracts";
import { getOperation } from "@fluxo/connectors";
import type { GraphProblem } from "./run-order.js";

/** The ports of a step's operation, or none (one exit; an edge leaving it names no port). */
export function stepPorts(definition: FlowDefinition, stepId: string): PortMeta[] {
  const step = definition.steps.find((s) => s.id === stepId);
  return (step && getOperation(step.connector, step.operation)?.ports) || [];
}

/**
 * Each edge's port against its source: a step with ports needs one of them on every edge
 * leaving it; any other source (Início included) must name none.
 */
export function edgePortProblems(definition: FlowDefinition): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set(definition.steps.map((s) => s.id));
  definition.edges.forEach((edge, index) => {
    if (edge.source !== TRIGGER_ID && !ids.has(edge.source)) return; // reported by the run order
    const ports = stepPorts(definition, edge.source);
    const path = `edges.${index}.port`;
    const link = { source: edge.source, target: edge.target };
    // The ports by key, the same in every language (their labels are the connector's, in pt-BR).
    const names = ports.map((p) => `"${p.key}"`).join(" | ");
    if (ports.length === 0) {
      if (edge.port !== undefined) problems.push({ path, ...stepMessage("definition.port_not_needed", { ...link, port: edge.port }), stepId: edge.source });
    } else if (edge.port === undefined) {
      problems.push({ path, ...stepMessage("definition.port_missing", { ...link, ports: names }), stepId: edge.source });
    } else if (!ports.some((p) => p.key === edge.port)) {
      problems.push({ path, ...stepMessage("definition.port_unknown", { ...link, port: edge.port, ports: names }), stepId: edge.source });
    }
  });
  return problems;
}

/**
 * The steps a repeating port's branch runs once per item: everything reachable from the
 * edges that leave `stepId` by `port`. Declaration order.
 */
export function branchSteps(definition: FlowDefinition, stepId: string, port: string): string[] {
  const seen = new Set<string>();
  const stack = definition.edges.filter((e) => e.source === stepId && e.port === port).map((e) => e.target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of definition.edges) if (edge.source === id) stack.push(edge.target);
  }
  return definition.steps.filter((s) => seen.has(s.id)).map((s) => s.id);
}

/**
 * A step of a loop's each-branch runs once per item, so nothing outside the branch may lead
 * into it (it would have to run once and many times at once).
 */
export function repeatBranchProblems(definition: FlowDefinition): GraphProblem[] {
  const problems: GraphProblem[] = [];
  for (const step of definition.steps) {
    for (const { key: port } of stepPorts(definition, step.id).filter((p) => p.repeats)) {
      const branch = new Set(branchSteps(definition, step.id, port));
      definition.edges.forEach((edge: FlowEdge, index) => {
        if (!branch.has(edge.target) || branch.has(edge.source) || (edge.source === step.id && edge.port === port)) return;
        problems.push({
          path: `edges.${index}`,
          ...stepMessage("definition.outside_repeat", { target: edge.target, step: step.id, port, source: edge.source }),
          stepId: edge.target,
        });
      });
    }
  }
  return problems;
}
