import type { SessionInfo } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import { create } from "zustand";
import { queryKeys } from "../api/queryKeys.js";

interface PanelBounds {
  /** Where the width is kept in localStorage, per person. */
  storageKey: string;
  min: number;
  max: number;
  /** The stylesheet's width for a window this wide, until the person resizes the panel. */
  initial(windowWidth: number): number;
}

/** The resizable panels: the side panel at the right (the step, the history…) and the palette at the left. */
export const PANEL_BOUNDS = {
  side: { storageKey: "fluxo.sidePanelWidth", min: 320, max: 800, initial: (w) => Math.min(420, Math.max(320, Math.round(w * 0.3))) },
  palette: { storageKey: "fluxo.paletteWidth", min: 180, max: 360, initial: () => 220 },
} as const satisfies Record<string, PanelBounds>;
export type PanelKind = keyof typeof PANEL_BOUNDS;
const KINDS = Object.keys(PANEL_BOUNDS) as PanelKind[];

/** What the two panels leave to the canvas, whatever widths they are asked for (as long as the window allows their minimums). */
export const MIN_CANVAS_WIDTH = 480;

export type PanelLayout = Record<PanelKind, { width: number; max: number }>;

/**
 * Both panels' widths in a window this wide, from the widths asked for (kept or being dragged;
 * undefined: the stylesheet's). When together they would leave the canvas under its minimum, the
 * side panel gives way first, then the palette, each down to its own minimum. Each one's `max` is
 * what it may grow to beside the other as it is: a handle stops where the canvas would get narrower.
 */
export function panelLayout(windowWidth: number, asked: Partial<Record<PanelKind, number>>): PanelLayout {
  const within = (kind: PanelKind, width: number) => Math.round(Math.min(PANEL_BOUNDS[kind].max, Math.max(PANEL_BOUNDS[kind].min, width)));
  const room = windowWidth - MIN_CANVAS_WIDTH;
  let palette = within("palette", asked.palette ?? PANEL_BOUNDS.palette.initial());
  let side = within("side", asked.side ?? PANEL_BOUNDS.side.initial(windowWidth));
  let over = palette + side - room;
  for (const kind of ["side", "palette"] as const) {
    if (over <= 0) break;
    const cut = Math.min(over, (kind === "side" ? side : palette) - PANEL_BOUNDS[kind].min);
    if (kind === "side") side -= cut;
    else palette -= cut;
    over -= cut;
  }
  const maxBeside = (kind: PanelKind, other: number) => Math.max(PANEL_BOUNDS[kind].min, Math.min(PANEL_BOUNDS[kind].max, room - other));
  return { palette: { width: palette, max: maxBeside("palette", side) }, side: { width: side, max: maxBeside("side", palette) } };
}

/** One state for both panels, so each one's bounds follow the other's width. */
interface PanelWidths {
  windowWidth: number;
  /** By person: the widths kept once resized in this page (before that, localStorage's). */
  kept: Record<string, Partial<Record<PanelKind, number>>>;
  dragged: Partial<Record<PanelKind, number>>;
}

const usePanelWidths = create<PanelWidths>(() => ({ windowWidth: window.innerWidth, kept: {}, dragged: {} }));

function storageKeyOf(kind: PanelKind, userId: string): string {
  return `${PANEL_BOUNDS[kind].storageKey}.${userId}`;
}

function keptOf(state: PanelWidths, userId: string): Partial<Record<PanelKind, number>> {
  return state.kept[userId] ?? Object.fromEntries(KINDS.map((kind) => [kind, readWidth(storageKeyOf(kind, userId))]));
}

export interface PanelWidth {
  /** The width to show: the one being dragged to, else the kept one (the stylesheet's until resized), within the layout. */
  shown: number;
  /** What the panel's ResizeHandle needs. */
  handle: { width: number; minWidth: number; maxWidth: number; onResize(width: number): void; onResized(width: number): void };
}

/**
 * A panel's width as the person last left it (per person: a shared browser keeps each one's), within
 * what the window and the other panel leave it. Not a secret, so localStorage is fine.
 */
export function usePanelWidth(kind: PanelKind): PanelWidth {
  const userId = useQueryClient().getQueryData<SessionInfo>(queryKeys.session)?.user?.id ?? "anonymous";
  const windowWidth = usePanelWidths((s) => s.windowWidth);
  const keptHere = usePanelWidths((s) => s.kept[userId]);
  const dragged = usePanelWidths((s) => s.dragged);
  const own = useMemo(
    () => panelLayout(windowWidth, { ...(keptHere ?? keptOf(usePanelWidths.getState(), userId)), ...dragged })[kind],
    [windowWidth, keptHere, dragged, userId, kind],
  );

  useEffect(() => {
    const onResize = () => usePanelWidths.setState({ windowWidth: window.innerWidth });
    onResize();
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  const onResize = useCallback((width: number) => usePanelWidths.setState((s) => ({ dragged: { ...s.dragged, [kind]: width } })), [kind]);
  const onResized = useCallback(
    (width: number) => {
      // Kept as the layout allows it now: a width the canvas couldn't spare isn't remembered.
      const state = usePanelWidths.getState();
      const before = keptOf(state, userId);
      const keptWidth = panelLayout(state.windowWidth, { ...before, ...state.dragged, [kind]: width })[kind].width;
      const { [kind]: _ended, ...dragged } = state.dragged;
      usePanelWidths.setState({ kept: { ...state.kept, [userId]: { ...before, [kind]: keptWidth } }, dragged });
      try {
        localStorage.setItem(storageKeyOf(kind, userId), String(keptWidth));
      } catch {
        // Storage full or off: the width still holds until the page reloads.
      }
    },
    [kind, userId],
  );
  return { shown: own.width, handle: { width: own.width, minWidth: PANEL_BOUNDS[kind].min, maxWidth: own.max, onResize, onResized } };
}

function readWidth(key: string): number | undefined {
  const value = Number(localStorage.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
