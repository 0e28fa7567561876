import type { SessionInfo } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { queryKeys } from "../api/queryKeys.js";

interface PanelBounds {
  /** Where the width is kept in localStorage, per person. */
  storageKey: string;
  min: number;
  max: number;
  /** What the rest of the editor keeps whatever the panel asks (the other panel and a usable canvas). */
  keptForTheRest: number;
}

/**
 * The resizable panels: the side panel at the right (the step, the history…) and the palette at the
 * left. Each keeps the other's default width (220 px, clamp up to 420 px) plus a usable canvas (440 px).
 */
export const PANEL_BOUNDS = {
  side: { storageKey: "fluxo.sidePanelWidth", min: 320, max: 800, keptForTheRest: 660 },
  palette: { storageKey: "fluxo.paletteWidth", min: 180, max: 360, keptForTheRest: 860 },
} as const satisfies Record<string, PanelBounds>;
export type PanelKind = keyof typeof PANEL_BOUNDS;

/** The widest a panel may be in a window this wide: never under its minimum, never squeezing the canvas away. */
export function panelMaxWidth(kind: PanelKind, windowWidth: number): number {
  const bounds = PANEL_BOUNDS[kind];
  return Math.max(bounds.min, Math.min(bounds.max, windowWidth - bounds.keptForTheRest));
}

export function clampPanelWidth(kind: PanelKind, width: number, windowWidth: number): number {
  return Math.round(Math.min(panelMaxWidth(kind, windowWidth), Math.max(PANEL_BOUNDS[kind].min, width)));
}

/**
 * A panel's width as the person last left it (per person: a shared browser keeps each one's), or
 * undefined for the stylesheet's default. Not a secret, so localStorage is fine.
 */
export interface PanelWidth {
  /** The width to show: the one being dragged to, else the kept one (undefined: the stylesheet's default). */
  shown: number | undefined;
  /** What the panel's ResizeHandle needs. */
  handle: { width: number | undefined; minWidth: number; maxWidth: number; onResize(width: number): void; onResized(width: number): void };
}

export function usePanelWidth(kind: PanelKind): PanelWidth {
  const userId = useQueryClient().getQueryData<SessionInfo>(queryKeys.session)?.user?.id ?? "anonymous";
  const storageKey = `${PANEL_BOUNDS[kind].storageKey}.${userId}`;
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);
  const [stored, setStored] = useState<number | undefined>(() => readWidth(storageKey));
  // While dragging the panel follows the pointer; the width is kept when the drag ends.
  const [dragWidth, setDragWidth] = useState<number | null>(null);

  useEffect(() => setStored(readWidth(storageKey)), [storageKey]);
  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  const setWidth = useCallback(
    (width: number) => {
      const next = clampPanelWidth(kind, width, window.innerWidth);
      setStored(next);
      try {
        localStorage.setItem(storageKey, String(next));
      } catch {
        // Storage full or off: the width still holds until the page reloads.
      }
    },
    [kind, storageKey],
  );
  const shown = dragWidth ?? (stored === undefined ? undefined : clampPanelWidth(kind, stored, windowWidth));
  const onResized = useCallback(
    (width: number) => {
      setDragWidth(null);
      setWidth(width);
    },
    [setWidth],
  );
  return { shown, handle: { width: shown, minWidth: PANEL_BOUNDS[kind].min, maxWidth: panelMaxWidth(kind, windowWidth), onResize: setDragWidth, onResized } };
}

function readWidth(key: string): number | undefined {
  const value = Number(localStorage.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
