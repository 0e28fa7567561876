import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { STEP_NODE_SIZE } from "./placement.js";

/**
 * Fits the view to the flow when a node — or, called without an id, any node — sits (partly)
 * outside the visible canvas (a panel opening beside it narrows the canvas).
 */
export function useRevealNode(): (id?: string) => void {
  const { getInternalNode, getNodes, flowToScreenPosition, fitView } = useReactFlow();
  return useCallback(
    (id?: string) => {
      // A new node is measured, and a panel opening beside it has narrowed the canvas, only
      // after the next paint; React Flow sees the new canvas size a frame later still.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const pane = document.querySelector(".canvas")?.getBoundingClientRect();
        if (!pane) return;
        const hidden = (id ? [id] : getNodes().map((n) => n.id)).some((nodeId) => {
          const node = getInternalNode(nodeId);
          if (!node) return false;
          const { x, y } = node.internals.positionAbsolute;
          const topLeft = flowToScreenPosition({ x, y });
          const bottomRight = flowToScreenPosition({ x: x + (node.measured.width ?? STEP_NODE_SIZE.width), y: y + (node.measured.height ?? STEP_NODE_SIZE.height) });
          return topLeft.x < pane.left || topLeft.y < pane.top || bottomRight.x > pane.right || bottomRight.y > pane.bottom;
        });
        if (hidden) void fitView({ padding: 0.25, maxZoom: 1, duration: 250 });
      }));
    },
    [getInternalNode, getNodes, flowToScreenPosition, fitView],
  );
}
