import { TRIGGER_ID, type FlowDefinition } from "@fluxo/contracts";

type Graph = { steps: readonly Pick<FlowDefinition["steps"][number], "id">[]; edges: FlowDefinition["edges"] };

/**
 * For every step, the steps that run before it: those from which an edge path leads to
 * it. Only their results exist when it runs, so only they may be read with `.steps.<id>`.
 * Each list keeps the definition's order of steps.
 */
export function stepsBeforeEach(definition: Graph): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const edge of definition.edges) {
    if (edge.source === TRIGGER_ID) continue;
    const list = parents.get(edge.target);
    if (list) list.push(edge.source);
    else parents.set(edge.target, [edge.source]);
  }
  const result = new Map<string, string[]>();
  for (const step of definition.steps) {
    const ancestors = new Set<string>();
    const pending = [...(parents.get(step.id) ?? [])];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (ancestors.has(id) || id === step.id) continue;
      ancestors.add(id);
      pending.push(...(parents.get(id) ?? []));
    }
    result.set(
      step.id,
      definition.steps.map((s) => s.id).filter((id) => ancestors.has(id)),
    );
  }
  return result;
}
