import { useEffect, useRef, type RefObject } from "react";

/**
 * Escape closes the panel from wherever focus is inside it (a field, a select, a button), as the
 * close button does. What handles Escape itself first keeps it: an expression's suggestions, a
 * dialog opened from the panel (Nova conexão) — they stop it or mark it handled — and a select's
 * open list, which the browser keeps. Listened on the window, after React's handlers have run.
 */
export function useEscapeToClose(panelRef: RefObject<HTMLElement | null>, onClose: () => void): void {
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      const panel = panelRef.current;
      if (!panel || !(event.target instanceof Node) || !panel.contains(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      onCloseRef.current();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [panelRef]);
}
