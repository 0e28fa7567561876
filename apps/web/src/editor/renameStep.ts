import type { FlowDefinition } from "@fluxo/contracts";

const EXPRESSION = /\{\{[\s\S]*?\}\}/g;

/**
 * The step `from` is now called `to`: its edges follow, and every `.steps.<from>` inside a `{{ … }}`
 * of any step's fields reads `.steps.<to>`, so expressions keep pointing at the same step. Text
 * outside `{{ … }}` and longer ids sharing the prefix (`.steps.<from>_2`) are left alone.
 */
export function renameStepIn(definition: FlowDefinition, from: string, to: string): FlowDefinition {
  if (from === to) return definition;
  const rename = (id: string) => (id === from ? to : id);
  const reference = new RegExp(`(\\.steps\\.)${from}(?![A-Za-z0-9_])`, "g");
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return value.includes(from) ? value.replace(EXPRESSION, (expression) => expression.replace(reference, `$1${to}`)) : value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rewrite(v)]));
    return value;
  };
  return {
    ...definition,
    steps: definition.steps.map((step) => ({ ...step, id: rename(step.id), parameters: rewrite(step.parameters) as Record<string, unknown> })),
    edges: definition.edges.map((edge) => ({ ...edge, source: rename(edge.source), target: rename(edge.target) })),
  };
}
