import { TRIGGER_ID, type ConnectorMeta, type FlowDefinition, type PortMeta } from "@fluxo/contracts";
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { RunState } from "../../executions/runState.js";
import { edgeId, type XY } from "../store.js";

export type TriggerNode = Node<Record<string, never>, "trigger">;
export type StepNode = Node<Record<string, never>, "step">;
export type EditorNode = TriggerNode | StepNode;

export interface Measured {
  width?: number;
  height?: number;
}

/**
 * The React Flow nodes for a definition. The node's id is the step id; the node
 * components read their step from the store. Sizes React Flow measured and positions
 * of a drag in progress are carried over, so nodes neither flicker nor jump back.
 */
export function toNodes(
  definition: FlowDefinition,
  selected: readonly string[],
  measured: ReadonlyMap<string, Measured>,
  dragging: Readonly<Record<string, XY>>,
): EditorNode[] {
  const isSelected = new Set(selected);
  const base = (id: string, position: XY) => ({
    id,
    position: dragging[id] ?? position,
    selected: isSelected.has(id),
    data: {},
    ...(measured.has(id) ? { measured: measured.get(id)! } : {}),
  });
  return [
    { ...base(TRIGGER_ID, definition.trigger.position), type: "trigger", deletable: false },
    ...definition.steps.map((step): StepNode => ({ ...base(step.id, step.position), type: "step" })),
  ];
}

/** The exits of a step whose operation has them (Condição: Verdadeiro/Falso); empty for the others. */
export function stepPorts(definition: FlowDefinition, stepId: string, connectors: readonly ConnectorMeta[]): PortMeta[] {
  const step = definition.steps.find((s) => s.id === stepId);
  return (step && connectors.find((c) => c.key === step.connector)?.operations.find((o) => o.key === step.operation)?.ports) || [];
}

/**
 * The React Flow edges for a definition. `ariaLabel` words each one for screen readers, in the
 * app's language ("Ligação de Início para pedidos"); `port` is the label of the exit it leaves by.
 */
export function toEdges(
  definition: FlowDefinition,
  selected: readonly string[],
  run: RunState | null,
  connectors: readonly ConnectorMeta[] = [],
  ariaLabel?: (source: string, target: string, port: string | undefined) => string,
): Edge[] {
  const isSelected = new Set(selected);
  return definition.edges.map((edge) => {
    const id = edgeId(edge);
    // An edge leaving by a port starts at that port's handle and says which one it is.
    const port = edge.port === undefined ? undefined : stepPorts(definition, edge.source, connectors).find((p) => p.key === edge.port);
    const portLabel = edge.port === undefined ? undefined : (port?.label ?? edge.port);
    return {
      id,
      source: edge.source,
      target: edge.target,
      ...(edge.port === undefined ? {} : { sourceHandle: edge.port, label: portLabel, className: "flow-edge--port" }),
      // Without words of ours React Flow says "Edge from trigger to pedidos", in English.
      ...(ariaLabel ? { ariaLabel: ariaLabel(edge.source, edge.target, portLabel) } : {}),
      selected: isSelected.has(id),
      animated: run?.steps[edge.target]?.status === "running",
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    };
  });
}
