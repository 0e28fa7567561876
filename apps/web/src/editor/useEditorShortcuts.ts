import { useEffect, useRef } from "react";
import { useEditorStore } from "./store.js";

/** Ctrl/⌘+S saves; Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo. Not while a dialog is open. */
export function useEditorShortcuts({ onSave, readOnly }: { onSave(): void; readOnly: boolean }): void {
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        onSaveRef.current();
      } else if (readOnly) {
        return;
      } else if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        useEditorStore.getState().undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        useEditorStore.getState().redo();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [readOnly]);
}
