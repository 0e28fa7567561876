import { STEP_ID_PATTERN, TRIGGER_ID, type FlowStep } from "@fluxo/contracts";

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

/**
 * The flow-control steps' operations are keyed by English code words (`if`, `for-each`, `map`,
 * `delay`) that mean nothing on a Portuguese canvas, where a step with no name is titled by its id:
 * their steps are named after what the palette calls them. Steps saved with the old ids keep them
 * (and still follow their name: see `followsDerivedId`).
 */
const BUILT_IN_BASES: Readonly<Record<string, string>> = {
  "condition:if": "condicao",
  "loop:for-each": "loop",
  "transform:map": "transformar",
  "wait:delay": "espera",
};

/** A readable, unique id for a new step: from the operation (`credentials`, `condicao`), then `credentials_2`… */
export function suggestStepId(connectorKey: string, operationKey: string | undefined, existingIds: Iterable<string>): string {
  return uniqueId(suggestedBase(connectorKey, operationKey), existingIds);
}

function suggestedBase(connectorKey: string, operationKey: string | undefined): string {
  return (operationKey !== undefined ? BUILT_IN_BASES[`${connectorKey}:${operationKey}`] : undefined) ?? operationBase(connectorKey, operationKey);
}

/** The id an operation's key gives (what every step got before `BUILT_IN_BASES`). */
function operationBase(connectorKey: string, operationKey: string | undefined): string {
  const fromOperation = operationKey && !BARE_VERB.test(operationKey) ? toIdentifier(operationKey.replace(LEADING_VERB, "")) : "";
  return fromOperation || toIdentifier(connectorKey) || "step";
}

/** What the canvas and the panel call a step: its free-text name, or its id when it has none (flows saved before names). */
export function stepLabel(step: Pick<FlowStep, "id" | "name">): string {
  return step.name?.trim() || step.id;
}

/**
 * The id a step gets when nobody chose one: from its name ("Obter credenciais!" → `obter_credenciais`),
 * or, without a name, from its operation. Unique among `otherIds`.
 */
export function derivedStepId(step: Pick<FlowStep, "name" | "connector" | "operation">, otherIds: Iterable<string>): string {
  return uniqueId(derivedBase(step), otherIds);
}

/**
 * Whether the step's id is still a derived one (`credentials`, `credentials_2`…), so it follows the
 * name and the operation; once the person types an id of their own, it stays.
 */
export function followsDerivedId(step: Pick<FlowStep, "id" | "name" | "connector" | "operation">): boolean {
  const bases = [derivedBase(step)];
  // A step saved before its kind had a Portuguese id (`if`, `for_each_2`) still follows its name.
  if (!toIdentifier(step.name ?? "")) bases.push(operationBase(step.connector, step.operation));
  return bases.some((base) => step.id === base || (step.id.startsWith(`${base}_`) && /^\d+$/.test(step.id.slice(base.length + 1))));
}

function derivedBase(step: Pick<FlowStep, "name" | "connector" | "operation">): string {
  return toIdentifier(step.name ?? "") || suggestedBase(step.connector, step.operation);
}

function uniqueId(base: string, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  taken.add(TRIGGER_ID);
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
