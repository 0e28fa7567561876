import type { FlowDefinition } from "@fluxo/contracts";

/**
 * Whether two definitions say the same thing. Key order doesn't count: a definition that
 * went through the database (an execution's) comes back with its keys reordered.
 */
export function sameDefinition(a: FlowDefinition, b: FlowDefinition): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : item,
  );
}
