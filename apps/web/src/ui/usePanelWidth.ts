import type { SessionInfo } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { queryKeys } from "../api/queryKeys.js";

export const PANEL_MIN_WIDTH = 320;
const PANEL_MAX_WIDTH = 800;
/** What the palette (220 px) and a usable canvas (440 px) keep, whatever the panel asks. */
const KEPT_FOR_THE_REST = 660;

/** The widest the panel may be in a window this wide: never under its minimum, never squeezing the canvas away. */
export function panelMaxWidth(windowWidth: number): number {
  return Math.max(PANEL_MIN_WIDTH, Math.min(PANEL_MAX_WIDTH, windowWidth - KEPT_FOR_THE_REST));
}

export function clampPanelWidth(width: number, windowWidth: number): number {
  return Math.round(Math.min(panelMaxWidth(windowWidth), Math.max(PANEL_MIN_WIDTH, width)));
}

/**
 * The side panel's width as the person last left it (per person: a shared browser keeps each
 * one's), or undefined for the stylesheet's default. Not a secret, so localStorage is fine.
 */
export function usePanelWidth(): { width: number | undefined; maxWidth: number; setWidth(width: number): void } {
  const userId = useQueryClient().getQueryData<SessionInfo>(queryKeys.session)?.user?.id ?? "anonymous";
  const storageKey = `fluxo.sidePanelWidth.${userId}`;
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);
  const [stored, setStored] = useState<number | undefined>(() => readWidth(storageKey));

  useEffect(() => setStored(readWidth(storageKey)), [storageKey]);
  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  const setWidth = useCallback(
    (width: number) => {
      const next = clampPanelWidth(width, window.innerWidth);
      setStored(next);
      try {
        localStorage.setItem(storageKey, String(next));
      } catch {
        // Storage full or off: the width still holds until the page reloads.
      }
    },
    [storageKey],
  );
  return { width: stored === undefined ? undefined : clampPanelWidth(stored, windowWidth), maxWidth: panelMaxWidth(windowWidth), setWidth };
}

function readWidth(key: string): number | undefined {
  const value = Number(localStorage.getItem(key));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
