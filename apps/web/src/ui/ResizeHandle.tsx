import { useRef, type KeyboardEvent, type PointerEvent } from "react";

const KEY_STEP = 24;

export interface ResizeHandleProps {
  /** Which edge of its panel the handle sits on: "left" for a panel at the right of the workspace, "right" for one at its left. */
  edge: "left" | "right";
  label: string;
  hint: string;
  /** The width shown now, or undefined while the stylesheet's default holds (then it is measured). */
  width: number | undefined;
  minWidth: number;
  maxWidth: number;
  /** While dragging: the width to show. */
  onResize(width: number): void;
  /** At the end of a drag or on a key: the width to keep. */
  onResized(width: number): void;
}

/**
 * A panel's resizable edge: drag it, or focus it and use the arrows (the arrow pointing away from the
 * panel widens it, the other narrows it; Home/End for the narrowest and widest). A separator, as
 * WAI-ARIA calls a splitter, with its value in px. One component for every resizable panel.
 */
export function ResizeHandle({ edge, label, hint, width, minWidth, maxWidth, onResize, onResized }: ResizeHandleProps) {
  const drag = useRef<{ startX: number; startWidth: number; last: number } | null>(null);
  const current = (handle: HTMLElement) => width ?? handle.parentElement?.getBoundingClientRect().width ?? minWidth;
  const clamp = (value: number) => Math.round(Math.min(maxWidth, Math.max(minWidth, value)));
  // Moving a left edge to the left, or a right edge to the right, makes the panel wider.
  const outward = edge === "left" ? -1 : 1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const startWidth = current(event.currentTarget);
    drag.current = { startX: event.clientX, startWidth, last: startWidth };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current.last = clamp(drag.current.startWidth + outward * (event.clientX - drag.current.startX));
    onResize(drag.current.last);
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    onResized(drag.current.last);
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const now = current(event.currentTarget);
    const wider = edge === "left" ? "ArrowLeft" : "ArrowRight";
    const narrower = edge === "left" ? "ArrowRight" : "ArrowLeft";
    const next = { [wider]: now + KEY_STEP, [narrower]: now - KEY_STEP, Home: minWidth, End: maxWidth }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onResized(clamp(next));
  };

  return (
    <div
      className={`resize-handle resize-handle--${edge}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={minWidth}
      aria-valuemax={maxWidth}
      aria-valuenow={width === undefined ? undefined : Math.round(width)}
      tabIndex={0}
      title={hint}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
