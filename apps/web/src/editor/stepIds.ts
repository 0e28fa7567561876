import { STEP_ID_PATTERN, TRIGGER_ID } from "@fluxo/contracts";

export const STEP_ID_MAX_LENGTH = 64;

export type StepIdProblem = "required" | "pattern" | "too_long" | "reserved" | "duplicate";

/** Why `id` can't name a step among `otherIds` (the flow's other step ids), or null. */
export function stepIdProblem(id: string, otherIds: Iterable<string>): StepIdProblem | null {
  if (id === "") return "required";
  if (id.length > STEP_ID_MAX_LENGTH) return "too_long";
  if (!STEP_ID_PATTERN.test(id)) return "pattern";
  if (id === TRIGGER_ID) return "reserved";
  for (const other of otherIds) if (other === id) return "duplicate";
  return null;
}

// Verbs that say nothing about what a step yields: "get-credentials" names its result "credentials".
const LEADING_VERB = /^(get|fetch|obtain|create|list|read|retrieve|request|call)[-_]/;
// An operation named by a bare verb ("request") says nothing: the connector's key names the step ("http").
const BARE_VERB = /^(get|fetch|create|list|read|retrieve|request|call|send|run)$/;

/** A readable, unique id for a new step: from the operation (`credentials`), then `credentials_2`… */
export function suggestStepId(connectorKey: string, operationKey: string | undefined, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  taken.add(TRIGGER_ID);
  const fromOperation = operationKey && !BARE_VERB.test(operationKey) ? toIdentifier(operationKey.replace(LEADING_VERB, "")) : "";
  const base = fromOperation || toIdentifier(connectorKey) || "step";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, STEP_ID_MAX_LENGTH - String(n).length - 1)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function toIdentifier(text: string): string {
  const id = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, STEP_ID_MAX_LENGTH);
  return id;
}
