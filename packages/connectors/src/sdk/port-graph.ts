import type { FlowDefinition, FlowEdge, PortMeta } from "@fluxo/contracts";

/**
 * What a repeating port (Loop's `each`, `PortMeta.repeats`) means for the edges of a flow: the
 * one rule the engine applies when it checks a definition and the editor applies when an edge
 * is drawn. Plain data in, plain data out (no catalog, no schemas), so the web app can import
 * it (`@fluxo/connectors/port-graph`) without the connectors' runtime.
 */

/** The ports of a step, by its id: none for a step with one exit (or one that doesn't exist). */
export type PortsOf = (stepId: string) => readonly PortMeta[];

/**
 * The steps a port's branch holds: everything reachable from the edges that leave `stepId` by
 * `port`. Declaration order.
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

/** An edge that leads into a repeating port's branch from outside it. */
export interface EdgeIntoRepeat {
  /** The edge's index in `definition.edges`. */
  index: number;
  edge: FlowEdge;
  /** The step whose repeating port the branch hangs from (the Loop). */
  step: string;
  /** That port's key (`each`). */
  port: string;
}

/**
 * A step of a repeating port's branch runs once per item, so nothing outside the branch may lead
 * into it (it would have to run once and many times at once): every edge that does. The edges
 * that leave the Loop by the repeating port itself start the branch and are fine.
 */
export function edgesIntoRepeatBranches(definition: FlowDefinition, portsOf: PortsOf): EdgeIntoRepeat[] {
  const found: EdgeIntoRepeat[] = [];
  for (const step of definition.steps) {
    for (const { key: port } of portsOf(step.id).filter((p) => p.repeats)) {
      const branch = new Set(branchSteps(definition, step.id, port));
      definition.edges.forEach((edge, index) => {
        if (!branch.has(edge.target) || branch.has(edge.source) || (edge.source === step.id && edge.port === port)) return;
        found.push({ index, edge, step: step.id, port });
      });
    }
  }
  return found;
}
