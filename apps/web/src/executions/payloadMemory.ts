import { EMPTY_TRIGGER_INPUT_TEXT } from "./triggerInput.js";

// The last payload typed for each flow, kept for this browser tab only (not persisted: it may hold test data).
const lastPayloadByFlow = new Map<string, string>();

export function lastPayloadText(flowId: string): string {
  return lastPayloadByFlow.get(flowId) ?? EMPTY_TRIGGER_INPUT_TEXT;
}

export function rememberPayloadText(flowId: string, text: string): void {
  lastPayloadByFlow.set(flowId, text);
}
