import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";

/** Fits the view to the flow when a node sits (partly) outside the visible canvas. */
export function useRevealNode(): (id: string) => void {
  const { getInternalNode, flowToScreenPosition, fitView } = useReactFlow();
  return useCallback(
    (id: string) => {
      // A new node is measured, and a panel opening beside it has narrowed the canvas, only
      // after the next paint; React Flow sees the new canvas size a frame later still.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const node = getInternalNode(id);
        const pane = document.querySelector(".canvas")?.getBoundingClientRect();
        if (!node || !pane) return;
        const { x, y } = node.internals.positionAbsolute;
        const topLeft = flowToScreenPosition({ x, y });
        const bottomRight = flowToScreenPosition({ x: x + (node.measured.width ?? 240), y: y + (node.measured.height ?? 80) });
        const visible = topLeft.x >= pane.left && topLeft.y >= pane.top && bottomRight.x <= pane.right && bottomRight.y <= pane.bottom;
        if (!visible) void fitView({ padding: 0.25, maxZoom: 1, duration: 250 });
      }));
    },
    [getInternalNode, flowToScreenPosition, fitView],
  );
}
