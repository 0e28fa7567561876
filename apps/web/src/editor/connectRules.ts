import { TRIGGER_ID, type ConnectorMeta, type FlowDefinition, type FlowEdge } from "@fluxo/contracts";
import { edgesIntoRepeatBranches, type EdgeIntoRepeat, type PortsOf } from "@fluxo/connectors/port-graph";
import type { TFunction } from "i18next";
import { stepLabel } from "./stepIds.js";

/**
 * Why an edge can't be drawn. `outside_repeat` is the server's own rule (`definition.outside_repeat`,
 * shared through `@fluxo/connectors/port-graph`): a step of a Loop's "Cada item" branch runs once per
 * item, so nothing outside the branch may lead into it. `into` is the branch's step that something
 * outside would lead to, `from` that outside step: the new edge itself, or (when the edge pulls
 * a step already linked from outside into the branch) another one.
 */
export type ConnectRefusal =
  | { code: "self" | "into_trigger" | "unknown_step" }
  | { code: "duplicate" | "cycle"; source: string; target: string }
  | { code: "outside_repeat"; source: string; target: string; loop: string; port: string; into: string; from: string };

/** The exits of each step, from the catalog the editor was served (none for a step of one exit). */
export function portsFromCatalog(definition: Pick<FlowDefinition, "steps">, catalog: readonly ConnectorMeta[] | undefined): PortsOf {
  return (stepId) => {
    const step = definition.steps.find((s) => s.id === stepId);
    return (step && catalog?.find((c) => c.key === step.connector)?.operations.find((o) => o.key === step.operation)?.ports) || [];
  };
}

/**
 * Why `source` (by `port`) can't link to `target`, or null when it can: an edge joins two existing
 * nodes once (per port), never into Início or its own step, never closes a cycle, and never leads
 * into a repeating branch from outside it. Without `catalog` no step is known to repeat.
 */
export function connectRefusal(definition: FlowDefinition, source: string, target: string, port?: string, catalog?: readonly ConnectorMeta[]): ConnectRefusal | null {
  const ids = new Set([TRIGGER_ID, ...definition.steps.map((s) => s.id)]);
  if (!ids.has(source) || !ids.has(target)) return { code: "unknown_step" };
  if (target === TRIGGER_ID) return { code: "into_trigger" };
  if (source === target) return { code: "self" };
  if (definition.edges.some((e) => e.source === source && e.target === target && e.port === port)) return { code: "duplicate", source, target };
  if (reaches(definition.edges, target, source)) return { code: "cycle", source, target };

  const portsOf = portsFromCatalog(definition, catalog);
  const edge: FlowEdge = { source, target, ...(port === undefined ? {} : { port }) };
  const before = edgesIntoRepeatBranches(definition, portsOf);
  const after = edgesIntoRepeatBranches({ ...definition, edges: [...definition.edges, edge] }, portsOf);
  const isNew = (found: EdgeIntoRepeat) => !before.some((known) => known.step === found.step && known.port === found.port && sameEdge(known.edge, found.edge));
  const added = after.filter(isNew);
  // The new edge itself says it best; otherwise, the edge it makes wrong.
  const refused = added.find((found) => sameEdge(found.edge, edge)) ?? added[0];
  if (!refused) return null;
  return { code: "outside_repeat", source, target, loop: refused.step, port: refused.port, into: refused.edge.target, from: refused.edge.source };
}

/** The refusal in words, naming the steps as the canvas does and the port by its label ("Cada item"). */
export function connectRefusalMessage(refusal: ConnectRefusal, definition: FlowDefinition, catalog: readonly ConnectorMeta[] | undefined, t: TFunction<"editor">): string {
  const name = (id: string) => {
    if (id === TRIGGER_ID) return t("trigger.name");
    const step = definition.steps.find((s) => s.id === id);
    return step ? stepLabel(step) : id;
  };
  switch (refusal.code) {
    case "self":
    case "into_trigger":
    case "unknown_step":
      return t(`connect.${refusal.code}`);
    case "duplicate":
    case "cycle":
      return t(`connect.${refusal.code}`, { source: name(refusal.source), target: name(refusal.target) });
    case "outside_repeat": {
      const port = portsFromCatalog(definition, catalog)(refusal.loop).find((p) => p.key === refusal.port)?.label ?? refusal.port;
      const names = { source: name(refusal.source), target: name(refusal.target), loop: name(refusal.loop), port, into: name(refusal.into), from: name(refusal.from) };
      return refusal.into === refusal.target && refusal.from === refusal.source ? t("connect.outsideRepeat", names) : t("connect.outsideRepeatJoins", names);
    }
  }
}

function sameEdge(a: FlowEdge, b: FlowEdge): boolean {
  return a.source === b.source && a.target === b.target && a.port === b.port;
}

function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const e of edges) if (e.source === node) queue.push(e.target);
  }
  return false;
}
