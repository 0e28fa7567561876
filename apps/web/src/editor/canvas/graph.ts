import { TRIGGER_ID, type FlowDefinition } from "@fluxo/contracts";
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

export function toEdges(definition: FlowDefinition, selected: readonly string[], run: RunState | null): Edge[] {
  const isSelected = new Set(selected);
  return definition.edges.map((edge) => {
    const id = edgeId(edge);
    return {
      id,
      source: edge.source,
      target: edge.target,
      selected: isSelected.has(id),
      animated: run?.steps[edge.target]?.status === "running",
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    };
  });
}
