import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { STEP_NODE_SIZE } from "./placement.js";
import { panToReveal, type ScreenRect } from "./reveal.js";

/** What is laid over the canvas and may hide a card: the zoom buttons, the minimap, the run banner. */
const OVERLAYS = [".react-flow__controls", ".react-flow__minimap", ".execution-bar"];

/**
 * Brings a node — or, called without an id, the whole flow — into view when it sits (partly)
 * outside the visible canvas (a panel opening beside it narrows the canvas) or under what is
 * laid over it: the least pan that does it, at the same zoom, so the other nodes keep their
 * places relative to each other and move as little as possible; zooming out only when the
 * flow doesn't fit.
 */
export function useRevealNode(): (id?: string) => void {
  const { getInternalNode, getNodes, flowToScreenPosition, fitView, getViewport, setViewport } = useReactFlow();
  return useCallback(
    (id?: string) => {
      // A new node is measured, and a panel opening beside it has narrowed the canvas, only
      // after the next paint; React Flow sees the new canvas size a frame later still.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const canvas = document.querySelector(".canvas");
        const pane = canvas?.getBoundingClientRect();
        if (!canvas || !pane) return;
        let rect: ScreenRect | null = null;
        for (const nodeId of id ? [id] : getNodes().map((n) => n.id)) {
          const node = getInternalNode(nodeId);
          if (!node) continue;
          const { x, y } = node.internals.positionAbsolute;
          const topLeft = flowToScreenPosition({ x, y });
          const bottomRight = flowToScreenPosition({ x: x + (node.measured.width ?? STEP_NODE_SIZE.width), y: y + (node.measured.height ?? STEP_NODE_SIZE.height) });
          rect = rect
            ? { left: Math.min(rect.left, topLeft.x), top: Math.min(rect.top, topLeft.y), right: Math.max(rect.right, bottomRight.x), bottom: Math.max(rect.bottom, bottomRight.y) }
            : { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
        }
        if (!rect) return;
        const overlays = OVERLAYS.flatMap((selector) => [...(canvas.parentElement ?? canvas).querySelectorAll(selector)]).map((el) => el.getBoundingClientRect());
        // The whole flow is only kept inside the canvas; one node also clear of the overlays.
        const pan = panToReveal(rect, pane, id ? overlays : []);
        if (!pan) {
          void fitView({ padding: 0.25, maxZoom: 1, duration: 250 });
        } else if (pan.dx !== 0 || pan.dy !== 0) {
          const viewport = getViewport();
          void setViewport({ x: viewport.x + pan.dx, y: viewport.y + pan.dy, zoom: viewport.zoom }, { duration: 250 });
        }
      }));
    },
    [getInternalNode, getNodes, flowToScreenPosition, fitView, getViewport, setViewport],
  );
}
