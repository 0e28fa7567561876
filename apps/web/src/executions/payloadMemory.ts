import { useSyncExternalStore } from "react";
import { EMPTY_TRIGGER_INPUT_TEXT } from "./triggerInput.js";

// The last payload typed for each flow, kept for this browser tab only (not persisted: it may hold test data).
const lastPayloadByFlow = new Map<string, string>();
const listeners = new Set<() => void>();

export function lastPayloadText(flowId: string): string {
  return lastPayloadByFlow.get(flowId) ?? EMPTY_TRIGGER_INPUT_TEXT;
}

export function rememberPayloadText(flowId: string, text: string): void {
  lastPayloadByFlow.set(flowId, text);
  for (const listener of listeners) listener();
}

/** The payload typed for this flow, or undefined when none was; re-renders when it changes (the expression previews use it). */
export function useRememberedPayloadText(flowId: string): string | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => lastPayloadByFlow.get(flowId),
  );
}
