import { stepMessage, TRIGGER_ID, type FlowDefinition, type PortMeta } from "@fluxo/contracts";
import { getOperation } from "@fluxo/connectors";
import { branchSteps, edgesIntoRepeatBranches } from "@fluxo/connectors/port-graph";
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

/** The steps a port's branch holds (the connectors' rule, shared with the editor). */
export { branchSteps };

/**
 * A step of a loop's each-branch runs once per item, so nothing outside the branch may lead
 * into it (it would have to run once and many times at once). The rule itself is the connectors'
 * (`edgesIntoRepeatBranches`), which the editor also applies when an edge is drawn.
 */
export function repeatBranchProblems(definition: FlowDefinition): GraphProblem[] {
  return edgesIntoRepeatBranches(definition, (stepId) => stepPorts(definition, stepId)).map(({ index, edge, step, port }) => ({
    path: `edges.${index}`,
    ...stepMessage("definition.outside_repeat", { target: edge.target, step, port, source: edge.source }),
    stepId: edge.target,
  }));
}
