import { TRIGGER_ID, type FlowDefinition } from "@fluxo/contracts";
import type { XY } from "../store.js";

export interface Size {
  width: number;
  height: number;
}

/**
 * The cards' sizes on the canvas: widths as editor.css sets them, heights as they render
 * (one line of name, one of operation, the status row). Placement leaves a gap around them.
 */
export const STEP_NODE_SIZE: Size = { width: 240, height: 88 };
export const TRIGGER_NODE_SIZE: Size = { width: 200, height: 96 };
/** The least room kept between two cards. */
export const NODE_GAP = 24;
/** How far right of the step it follows a new step goes: a card and room for the edge's arrow. */
export const NODE_SPACING_X = STEP_NODE_SIZE.width + 40;

interface Rect extends XY, Size {}

/** Where each card of the flow sits, Início included. */
function nodeRects(definition: FlowDefinition): Rect[] {
  return [
    { ...definition.trigger.position, ...TRIGGER_NODE_SIZE },
    ...definition.steps.map((step) => ({ ...step.position, ...STEP_NODE_SIZE })),
  ];
}

function tooClose(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + NODE_GAP && b.x < a.x + a.width + NODE_GAP && a.y < b.y + b.height + NODE_GAP && b.y < a.y + a.height + NODE_GAP;
}

/**
 * The nearest place at or below `wanted` where a new step's card overlaps no other card:
 * it moves down past each card in the way. Every move puts it below one more card, so it
 * stops after at most as many moves as there are cards.
 */
export function freePosition(wanted: XY, definition: FlowDefinition): XY {
  const others = nodeRects(definition);
  let candidate: Rect = { ...wanted, ...STEP_NODE_SIZE };
  for (let moves = 0; moves <= others.length; moves++) {
    const inTheWay = others.find((rect) => tooClose(candidate, rect));
    if (!inTheWay) break;
    candidate = { ...candidate, y: inTheWay.y + inTheWay.height + NODE_GAP };
  }
  return { x: candidate.x, y: candidate.y };
}

/**
 * The node a new step follows: the one selected node (step or Início), else the last step
 * nothing follows yet, else Início.
 */
export function nodeToFollow(definition: FlowDefinition, selectedIds: readonly string[]): { id: string; position: XY } {
  if (selectedIds.length === 1) {
    const id = selectedIds[0]!;
    if (id === TRIGGER_ID) return { id, position: definition.trigger.position };
    const step = definition.steps.find((s) => s.id === id);
    if (step) return { id, position: step.position };
  }
  return lastNode(definition);
}

/** The last step nothing follows yet, or Início. */
export function lastNode(definition: FlowDefinition): { id: string; position: XY } {
  const sources = new Set(definition.edges.map((e) => e.source));
  const leaf = definition.steps.findLast((s) => !sources.has(s.id)) ?? definition.steps.at(-1);
  return leaf ? { id: leaf.id, position: leaf.position } : { id: TRIGGER_ID, position: definition.trigger.position };
}
