import { stepMessage, TRIGGER_ID, type FlowDefinition, type StepMessageParam } from "@fluxo/contracts";

export interface GraphProblem {
  path: string;
  message: string;
  messageCode: string;
  messageParams?: Record<string, StepMessageParam>;
  stepId?: string;
  /** A step not linked to Início yet: the draft is unfinished, not meaningless (it still saves). */
  unlinked?: true;
}

export type RunOrder =
  | { ok: true; order: string[]; ancestors: Map<string, Set<string>>; problems: [] }
  | { ok: false; problems: GraphProblem[] };

/**
 * Orders the steps so each runs after everything that leads to it. The edges must
 * form a DAG rooted at the trigger: every step reachable from it, no cycles.
 * Ties are broken by the order of the steps in the definition, so runs are repeatable.
 */
export function planRunOrder(definition: FlowDefinition): RunOrder {
  const problems: GraphProblem[] = [];
  const ids = new Set(definition.steps.map((s) => s.id));
  const outgoing = new Map<string, string[]>([[TRIGGER_ID, []], ...definition.steps.map((s) => [s.id, []] as [string, string[]])]);
  const incoming = new Map<string, number>(definition.steps.map((s) => [s.id, 0]));
  const seenEdges = new Set<string>();

  definition.edges.forEach((edge, index) => {
    const key = `${edge.source}:${edge.port ?? ""}->${edge.target}`;
    if (edge.source !== TRIGGER_ID && !ids.has(edge.source)) problems.push({ path: `edges.${index}.source`, ...stepMessage("definition.edge_from_missing", { step: edge.source }) });
    else if (edge.target === TRIGGER_ID) problems.push({ path: `edges.${index}.target`, ...stepMessage("definition.edge_to_start") });
    else if (!ids.has(edge.target)) problems.push({ path: `edges.${index}.target`, ...stepMessage("definition.edge_to_missing", { step: edge.target }) });
    else if (edge.source === edge.target) problems.push({ path: `edges.${index}`, ...stepMessage("definition.edge_to_itself", { step: edge.source }), stepId: edge.source });
    else if (!seenEdges.has(key)) {
      seenEdges.add(key);
      outgoing.get(edge.source)!.push(edge.target);
      incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    }
  });
  if (problems.length > 0) return { ok: false, problems };

  // Kahn's algorithm from the trigger, choosing the earliest-declared ready step.
  const position = new Map(definition.steps.map((s, i) => [s.id, i]));
  const remaining = new Map(incoming);
  const ready: string[] = [];
  for (const target of outgoing.get(TRIGGER_ID)!) {
    remaining.set(target, remaining.get(target)! - 1);
    if (remaining.get(target) === 0) ready.push(target);
  }
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const next = ready.shift()!;
    order.push(next);
    for (const target of outgoing.get(next)!) {
      remaining.set(target, remaining.get(target)! - 1);
      if (remaining.get(target) === 0) ready.push(target);
    }
  }

  if (order.length < definition.steps.length) {
    const reachable = reachableFromTrigger(outgoing);
    definition.steps.forEach((step, index) => {
      if (order.includes(step.id)) return;
      const message = stepMessage(reachable.has(step.id) ? "definition.cycle" : "definition.unlinked", { step: step.id });
      problems.push({ path: `steps.${index}`, ...message, stepId: step.id, ...(reachable.has(step.id) ? {} : { unlinked: true as const }) });
    });
    return { ok: false, problems };
  }

  const ancestors = new Map<string, Set<string>>();
  for (const id of order) ancestors.set(id, new Set());
  for (const id of order) {
    for (const target of outgoing.get(id)!) {
      const set = ancestors.get(target)!;
      set.add(id);
      for (const a of ancestors.get(id)!) set.add(a);
    }
  }
  return { ok: true, order, ancestors, problems: [] };
}

function reachableFromTrigger(outgoing: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...outgoing.get(TRIGGER_ID)!];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(outgoing.get(id) ?? []));
  }
  return seen;
}
