import type { FlowStep } from "@fluxo/contracts";

/**
 * Whether a step still does what it did: the same connector, operation, connection and
 * parameters (a re-run reuses an earlier run of the step only then). Name, position and
 * description don't change what it does.
 */
export function sameStep(before: FlowStep, now: FlowStep): boolean {
  return before.connector === now.connector && before.operation === now.operation && (before.connectionId ?? null) === (now.connectionId ?? null) && sameValue(before.parameters, now.parameters);
}

/** Deep equality of JSON values, whatever order an object's keys are in (PostgreSQL's jsonb reorders them). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => sameValue(item, (b as unknown[])[i]));
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
